/**
 * A fake ProviderClient for adapter unit tests (as in test/unit/adapters.test.ts): it records the
 * requests and answers them with canned responses in order; an Error among them is thrown, as the
 * transport throws its NodeApiError for a failed request. What the transport would turn into its own
 * errors (invalidResponse, httpError, inviteGone) is recorded so tests can see which one was chosen.
 */
import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { GroupRef } from '../../nodes/WhatsAppGroupInvite/whatsapp/groupId';
import { parseGroupId } from '../../nodes/WhatsAppGroupInvite/whatsapp/groupId';
import type { Requester } from '../../nodes/WhatsAppGroupInvite/whatsapp/requester';
import type {
	ProviderAdapter,
	ProviderClient,
	ProviderRequest,
	ProviderResponse,
} from '../../nodes/WhatsAppGroupInvite/providers/types';

/** What `invalidResponse` returns: the problem text and the response it was about. */
export class InvalidResponse extends Error {
	constructor(
		readonly problem: string,
		readonly response: ProviderResponse,
	) {
		super(problem);
		this.name = 'InvalidResponse';
	}
}

/** The node a NodeApiError made in a unit test belongs to. */
export const NODE: INode = {
	id: 'n',
	name: 'WhatsApp Group Invite',
	type: 'n8n-nodes-whatsapp-group-invite.whatsAppGroupInvite',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/** A failed request as the transport reports it: a NodeApiError with the status and its message. */
export function httpError(httpCode: number, message: string): NodeApiError {
	return new NodeApiError(NODE, { httpCode: String(httpCode) }, { message, httpCode: String(httpCode) });
}

export class FakeClient implements ProviderClient {
	readonly requests: ProviderRequest[] = [];
	readonly memo = new Map<string, unknown>();
	readonly httpErrors: Array<{ request: ProviderRequest; response: ProviderResponse }> = [];
	readonly goneInvites: ProviderResponse[] = [];
	private readonly answers: Array<ProviderResponse | Error>;

	constructor(
		readonly credentials: ICredentialDataDecryptedObject,
		...answers: Array<ProviderResponse | Error>
	) {
		this.answers = answers;
	}

	async send(request: ProviderRequest): Promise<ProviderResponse> {
		this.requests.push(request);
		const answer = this.answers.shift();
		if (!answer) throw new Error(`unexpected request ${request.method} ${request.path}`);
		if (answer instanceof Error) throw answer;
		return answer;
	}

	invalidResponse(problem: string, response: ProviderResponse): NodeApiError {
		return new InvalidResponse(problem, response) as unknown as NodeApiError;
	}

	httpError(request: ProviderRequest, response: ProviderResponse): NodeApiError {
		this.httpErrors.push({ request, response });
		return httpError(response.statusCode, `HTTP ${response.statusCode} from ${request.method} ${request.path}`);
	}

	inviteGone(response: ProviderResponse): NodeApiError {
		this.goneInvites.push(response);
		return httpError(response.statusCode, `invite gone (HTTP ${response.statusCode})`);
	}

	readonly notPendings: Array<{ requester: Requester; response?: ProviderResponse }> = [];
	readonly reportedFailures: Array<{ action: string; reason?: string; response: ProviderResponse }> = [];

	notPending(requester: Requester, response?: ProviderResponse): NodeApiError {
		this.notPendings.push({ requester, response });
		return httpError(response?.statusCode ?? 0, `no pending request from ${requester.phone ?? requester.jid}`);
	}

	reportedFailure(action: string, reason: string | undefined, response: ProviderResponse): NodeApiError {
		this.reportedFailures.push({ action, reason, response });
		return httpError(response.statusCode, `could not ${action}: ${reason ?? '(no reason)'}`);
	}
}

export const ok = (body: unknown): ProviderResponse => ({ statusCode: 200, body });
export const status = (statusCode: number, body: unknown): ProviderResponse => ({ statusCode, body });

export function group(adapter: ProviderAdapter, input: string): GroupRef {
	return parseGroupId(input, adapter.groupIdRules);
}

/** Runs an adapter call that must fail with invalidResponse, and returns that error. */
export async function invalid(call: Promise<unknown>): Promise<InvalidResponse> {
	try {
		const result = await call;
		throw new Error(`expected invalidResponse, but it returned ${JSON.stringify(result)}`);
	} catch (error) {
		if (!(error instanceof InvalidResponse)) throw error;
		return error;
	}
}

/** The hint, message and definiteness the transport would give an answer with this status and body. */
export function hintFor(adapter: ProviderAdapter, statusCode: number, body: unknown) {
	const message = adapter.errorMessage(body);
	return {
		message,
		hint: adapter.errorHint?.(statusCode, message),
		definite: adapter.isDefiniteFailure?.(statusCode, message) ?? false,
	};
}

export const MODERN = '120363019502650977';
export const LEGACY = '5511999999999-1623281429';
export const CODE = 'C1adgkdEGki7554BWDdMkd';
export const LINK = `https://chat.whatsapp.com/${CODE}`;
export const NEW_CODE = 'NEWc0de5xYz123AbCdEfGh';
export const NEW_LINK = `https://chat.whatsapp.com/${NEW_CODE}`;
