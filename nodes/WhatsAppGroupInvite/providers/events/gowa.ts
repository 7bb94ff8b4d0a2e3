/**
 * GOWA's group events (aldinokemal/go-whatsapp-web-multidevice@51f7b19).
 *
 * Payload (src/infrastructure/whatsapp/event_group.go:15-79; docs/webhook-payload.md): one JSON POST per
 * action `{event: "group.participants", device_id, timestamp (RFC 3339), payload: {chat_id, type:
 * join|leave|promote|demote, jids: [...]}}`, JIDs resolved from LIDs to phone JIDs where GOWA can
 * (jidsToStrings). whatsmeow's JoinReason is dropped, so joinedVia is `unknown`; `group.joined` (:97-127)
 * is the connected number itself joining, not a member: ignored. No join-request event.
 *
 * Proof: GOWA signs every webhook: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>` keyed
 * with the device's webhook_secret, else the server's global secret (src/infrastructure/whatsapp/
 * webhook.go:19-65). Replace registers the registration's secret as the device's webhook_secret and
 * checks it; manual checks it with the credential's optional Webhook Secret (unchecked without one).
 *
 * Registration, replace (one webhook per device; src/ui/rest/device.go:31-32,205-290;
 * src/infrastructure/chatstorage/sqlite_repository.go:1547-1600): `GET /devices/{device_id}/webhook` →
 * `results: {webhook_url, webhook_secret, webhook_events, webhook_insecure_skip_verify}`; `PATCH` with the
 * same four fields writes all of them (`webhook_url: ""` clears it: the device then falls back to the
 * server's global WHATSAPP_WEBHOOK list, webhook_forward.go:100-124,165-194). The device id is the
 * credential's Device ID when it names one of `GET /devices` (by id or JID), else the only device. On
 * deactivation the four previous values are written back (the previous webhook_secret is kept in the
 * workflow's static data until then, as only it can put it back).
 */
import type { IDataObject } from 'n8n-workflow';

import { sameSecret, validHmac } from './signature';
import type { ProviderClient } from '../types';
import { eventsFor, field, groupOf, listOf, text, timeOf } from './read';
import type { GroupEventName, GroupEventSource, HookTarget } from './types';

const EVENT = 'group.participants';
const TYPES: Record<string, GroupEventName> = { join: 'memberJoined', leave: 'memberLeft' };

interface GowaHook extends IDataObject {
	webhook_url: string;
	webhook_secret: string;
	webhook_events: string;
	webhook_insecure_skip_verify: boolean;
}

/** The device whose webhook this trigger sets: the credential's (by id or JID), or the only one. */
async function deviceOf(client: ProviderClient): Promise<string> {
	const response = await client.send({ method: 'GET', path: '/devices', idempotent: true, action: 'list the devices' });
	const results = field(response.body, 'results');
	if (!Array.isArray(results)) throw client.invalidResponse('did not list its devices', response);
	const wanted = String(client.credentials.deviceId ?? '').trim();
	const ids = results.map((d) => ({ id: text(field(d, 'id')), jid: text(field(d, 'jid')) }));
	const digits = (jid: string | undefined) => jid?.replace(/[:@].*$/, '');
	const found =
		wanted === ''
			? ids.length === 1
				? ids[0]
				: undefined
			: ids.find((d) => d.id === wanted || d.jid === wanted || (digits(d.jid) !== undefined && digits(d.jid) === digits(wanted)));
	if (!found?.id) {
		throw client.invalidResponse(
			wanted === ''
				? 'runs several devices (or none): set Device ID in the GOWA credential to the device whose webhook this trigger should set'
				: 'has no device with the Device ID in the credential',
			response,
		);
	}
	return found.id;
}

async function readHook(client: ProviderClient, device: string): Promise<GowaHook> {
	const response = await client.send({
		method: 'GET',
		path: `/devices/${encodeURIComponent(device)}/webhook`,
		idempotent: true,
		action: "read the device's webhook settings",
	});
	const results = field(response.body, 'results');
	if (results === null || typeof results !== 'object' || Array.isArray(results)) {
		throw client.invalidResponse("did not answer the device's webhook settings", response);
	}
	const str = (key: string) => {
		const value = field(results, key);
		return typeof value === 'string' ? value : '';
	};
	return {
		webhook_url: str('webhook_url'),
		webhook_secret: str('webhook_secret'),
		webhook_events: str('webhook_events'),
		webhook_insecure_skip_verify: field(results, 'webhook_insecure_skip_verify') === true,
	};
}

async function writeHook(client: ProviderClient, device: string, hook: GowaHook, action: string): Promise<void> {
	await client.send({ method: 'PATCH', path: `/devices/${encodeURIComponent(device)}/webhook`, body: { ...hook }, idempotent: false, action });
}

function isOurs(hook: GowaHook, target: HookTarget): boolean {
	return hook.webhook_url === target.url && sameSecret(hook.webhook_secret, target.secret);
}

export const gowaEvents: GroupEventSource = {
	setups: ['manual', 'replace'],
	proof: 'signature',
	proofNote: "GOWA's X-Hub-Signature-256, with the secret it registers (manual: the credential's Webhook Secret)",
	manualSteps:
		'in GOWA, set this URL as the device\'s webhook with the event group.participants (PATCH /devices/{device_id}/webhook {"webhook_url": "<this URL>", "webhook_events": "group.participants", "webhook_secret": "…"}, or the server\'s --webhook option), and put the same secret in the credential\'s Webhook Secret so the trigger checks the signature.',
	verify(request, keys) {
		const key = keys.mode === 'manual' ? text(keys.credentials.webhookSecret) : keys.secret;
		if (key === undefined) return undefined; // Manual without a secret in the credential: nothing to check.
		return validHmac(request.headers['x-hub-signature-256'], 'sha256', key, request.rawBody);
	},
	parse(request) {
		const body = request.body;
		const event = text(field(body, 'event'));
		if (event === undefined || !('payload' in body)) return undefined;
		if (event !== EVENT) return [];
		const payload = field(body, 'payload');
		const kind = TYPES[text(field(payload, 'type')) ?? ''];
		const groupId = groupOf(field(payload, 'chat_id'));
		if (!kind || !groupId) return [];
		return eventsFor(kind, groupId, listOf(field(payload, 'jids')), { timestamp: timeOf(field(body, 'timestamp')) });
	},
	async find(client, target) {
		const device = await deviceOf(client);
		return isOurs(await readHook(client, device), target);
	},
	async register(client, target) {
		const device = await deviceOf(client);
		const previous = await readHook(client, device);
		await writeHook(
			client,
			device,
			{ webhook_url: target.url, webhook_secret: target.secret, webhook_events: EVENT, webhook_insecure_skip_verify: previous.webhook_insecure_skip_verify },
			"point the device's webhook at this trigger",
		);
		return { device, previous };
	},
	async unregister(client, target, _mode, state) {
		const device = typeof state.device === 'string' ? state.device : await deviceOf(client);
		const current = await readHook(client, device);
		if (!isOurs(current, target)) return; // The user changed it meanwhile: left as it is.
		const previous = (state.previous ?? {}) as IDataObject;
		const str = (value: unknown) => (typeof value === 'string' ? value : '');
		await writeHook(
			client,
			device,
			{
				webhook_url: str(previous.webhook_url),
				webhook_secret: str(previous.webhook_secret),
				webhook_events: str(previous.webhook_events),
				webhook_insecure_skip_verify: previous.webhook_insecure_skip_verify === true,
			},
			"put the device's previous webhook back",
		);
	},
};
