/**
 * A ProviderClient for adapter unit tests, as in test/unit/adapters.test.ts: it records the requests
 * and answers them with canned responses, in order; an Error among them is thrown, as the transport
 * throws its NodeApiError for a failed request.
 */
import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { ProviderClient, ProviderRequest, ProviderResponse } from '../../nodes/WhatsAppGroupInvite/providers/types';

/** What the fake client's `invalidResponse` returns: the problem text and the response it was about. */
export class InvalidResponse extends Error {
	constructor(
		readonly problem: string,
		readonly response: ProviderResponse,
	) {
		super(problem);
		this.name = 'InvalidResponse';
	}
}

const NODE: INode = {
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
	private readonly answers: Array<ProviderResponse | Error>;
	/** The transport's error for a handed-back response: recorded, so tests can see what was asked. */
	readonly httpErrors: Array<{ request: ProviderRequest; response: ProviderResponse }> = [];
	/** The transport's "this invite link leads nowhere" error: recorded like httpError. */
	readonly goneInvites: ProviderResponse[] = [];

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
}

export const ok = (body: unknown): ProviderResponse => ({ statusCode: 200, body });

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
