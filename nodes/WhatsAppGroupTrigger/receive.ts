/**
 * The trigger's webhook: a request from the gateway becomes one item per participant per event.
 * Checked first, answered at once: a request that does not prove it is the gateway's gets 401 and
 * starts nothing; a body over 1 MB or not in the gateway's format gets 400; events the user did not
 * choose and groups outside Only These Groups get 200 and start nothing (so the gateway does not
 * send them again).
 */
import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { IncomingWebhook, ParticipantEvent } from '../WhatsAppGroupInvite/providers/events/types';
import { redactDeep, secretList } from '../WhatsAppGroupInvite/transport';
import { canonicalGroupId } from '../WhatsAppGroupInvite/whatsapp/groupId';
import { registrationSecret, TOKEN_PARAMETER, triggerSetup } from './lifecycle';
import { sameSecret } from '../WhatsAppGroupInvite/providers/events/signature';

/** The largest body the trigger reads. */
export const MAX_BODY_BYTES = 1024 * 1024;

function refuse(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	ctx.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

function isObject(value: unknown): boolean {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function incoming(ctx: IWebhookFunctions): IncomingWebhook {
	const request = ctx.getRequestObject();
	const headers: Record<string, string | undefined> = {};
	for (const [name, value] of Object.entries(ctx.getHeaderData() as Record<string, unknown>)) {
		headers[name.toLowerCase()] = Array.isArray(value) ? value.map(String).join(', ') : value === undefined ? undefined : String(value);
	}
	const query: Record<string, string | undefined> = {};
	for (const [name, value] of Object.entries(ctx.getQueryData() as Record<string, unknown>)) {
		query[name] = Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value);
	}
	const raw = (request as unknown as { rawBody?: unknown }).rawBody;
	const body = ctx.getBodyData();
	return {
		method: request.method,
		headers,
		query,
		body,
		rawBody: Buffer.isBuffer(raw) ? raw : Buffer.from(typeof raw === 'string' ? raw : body === undefined ? '' : JSON.stringify(body)),
	};
}

/** The groups of Only These Groups, canonical; undefined for all groups. */
function onlyGroups(raw: unknown): Set<string> | undefined {
	const list = (Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(/[\s,;]+/))
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
	if (list.length === 0) return undefined;
	const set = new Set<string>();
	for (const entry of list) {
		set.add(canonicalGroupId(entry, { idForm: 'jid', acceptsInvite: false }) ?? entry);
	}
	return set;
}

export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const { adapter, source, mode } = triggerSetup(this, this.getNodeParameter('provider') as string, this.getNodeParameter('webhookSetup') as string);
	const request = incoming(this);
	const credentials = await this.getCredentials(adapter.credentialType);

	if (this.getWebhookName() === 'setup') {
		const answer = source.challenge?.(request, credentials);
		if (!answer) return refuse(this, 405, `${adapter.name} sends its events with POST`);
		this.getResponseObject().status(answer.status).type('text/plain').send(answer.body);
		return { noWebhookResponse: true };
	}

	const length = Number(request.headers['content-length'] ?? request.rawBody.length);
	if (length > MAX_BODY_BYTES || request.rawBody.length > MAX_BODY_BYTES) {
		return refuse(this, 400, `The body is larger than ${MAX_BODY_BYTES} bytes`);
	}

	let secret: string | undefined;
	if (mode !== 'manual') {
		secret = registrationSecret(adapter.secrets(credentials), this.getWorkflow().id, this.getNode().webhookId ?? this.getNodeWebhookUrl('default') ?? '');
		if (source.proof === 'urlToken' && !sameSecret(request.query[TOKEN_PARAMETER], secret)) {
			return refuse(this, 401, 'This request does not carry the token this trigger registered');
		}
	}
	const verified = source.verify?.(request, { credentials, secret, mode });
	if (verified === false) return refuse(this, 401, `This request is not signed by ${adapter.name} for this trigger`);

	let events: ParticipantEvent[] | undefined;
	try {
		// Every gateway posts a JSON object (or a form): anything else is no gateway's format.
		events = isObject(request.body) ? source.parse(request) : undefined;
	} catch {
		events = undefined;
	}
	if (events === undefined) return refuse(this, 400, `This is not a ${adapter.name} webhook body`);

	const chosen = new Set(this.getNodeParameter('events', []) as string[]);
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const groups = onlyGroups(options.groupIds);
	const wanted = events.filter((e) => chosen.has(e.event) && (groups === undefined || groups.has(e.groupId)));
	if (wanted.length === 0) return { webhookResponse: { received: true, events: 0 } };

	const secrets = secretList(adapter.secrets(credentials));
	const raw = options.includeRaw === true ? redactDeep(request.body, secrets) : undefined;
	const items: INodeExecutionData[] = wanted.map((event) => ({
		json: {
			provider: adapter.id,
			...event,
			...(raw === undefined ? {} : { raw: raw as IDataObject }),
		},
	}));
	return { workflowData: [items] };
}
