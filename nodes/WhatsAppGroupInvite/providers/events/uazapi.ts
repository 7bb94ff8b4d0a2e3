/**
 * uazapi's group events (uazapiGO, closed source).
 *
 * Registration, automatic, in the spec's advanced mode (euventura/uazapi-sdk@046bcd5
 * docs/uazapi-openapi-spec.yaml:7490-7880): `GET /webhook` answers the array of the instance's webhooks
 * `{id, enabled, url, events, excludeMessages, addUrlEvents, addUrlTypesMessages}`; `POST /webhook` with
 * `action: "add"` (no id: uazapi makes one), `"update"` (with `id`) or `"delete"` (only `id`) manages one
 * of several, every other webhook untouched. (Without `action` it is the "simple mode" that manages
 * a single webhook per instance: never used here.) This trigger adds `{events: ["groups"],
 * excludeMessages: [], addUrlEvents: false, addUrlTypesMessages: false}` and deletes, on deactivation,
 * only the webhooks with its own URL.
 *
 * Payload: the spec names the event `groups` ("Modificações em grupos") and no shape. UNVERIFIED,
 * from a third-party uazapi payload guide (index file 60751475897, "Schemas e Payloads de Webhook",
 * section "Evento: groups"): `{EventType: "groups", token, action: "participants", group: {JID, Name},
 * participants: [JID…], participantAction: "add"}`; `remove`/`leave` read as a member leaving,
 * `request` as a join request (also UNVERIFIED), `promote`/`demote` and every other `EventType` give [].
 * `token` is the instance token (a secret: never read into an item). joinedVia: `unknown` (nothing
 * says how a member came in). Participants may be `{JID, PhoneNumber}` objects (uazapi's group objects
 * spell them so). uazapi does not sign its webhooks: the URL carries the registration's token.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ProviderClient } from '../types';
import { eventsFor, field, groupOf, listOf, text, timeOf } from './read';
import type { GroupEventName, GroupEventSource, HookTarget } from './types';

const ACTIONS: Record<string, GroupEventName> = {
	add: 'memberJoined',
	join: 'memberJoined',
	remove: 'memberLeft',
	leave: 'memberLeft',
	request: 'joinRequested',
	join_request: 'joinRequested',
};

async function hooks(client: ProviderClient): Promise<IDataObject[]> {
	const response = await client.send({ method: 'GET', path: '/webhook', idempotent: true, action: 'read the webhooks' });
	const list = Array.isArray(response.body) ? response.body : field(response.body, 'webhooks');
	if (list === undefined || list === null) return [];
	if (!Array.isArray(list)) throw client.invalidResponse('did not list its webhooks', response);
	return list as IDataObject[];
}

async function write(client: ProviderClient, body: IDataObject, action: string): Promise<void> {
	await client.send({ method: 'POST', path: '/webhook', body, idempotent: false, action });
}

const SETTINGS = { enabled: true, events: ['groups'], excludeMessages: [], addUrlEvents: false, addUrlTypesMessages: false };

export const uazapiEvents: GroupEventSource = {
	setups: ['automatic', 'manual'],
	proof: 'urlToken',
	manualSteps:
		'in uazapi, add a webhook to the instance (POST /webhook with action "add", or the panel\'s Webhooks) with this URL and the event "groups".',
	parse(request) {
		const body = request.body;
		const type = text(field(body, 'EventType'));
		if (type === undefined) return undefined;
		if (type !== 'groups' || text(field(body, 'action')) !== 'participants') return [];
		const event = ACTIONS[text(field(body, 'participantAction'))?.toLowerCase() ?? ''];
		const group = field(body, 'group');
		const groupId = groupOf(typeof group === 'string' ? group : (field(group, 'JID') ?? field(body, 'chatid')));
		if (!event || !groupId) return [];
		const requestMethod = event === 'joinRequested' ? text(field(body, 'requestMethod')) : undefined;
		return eventsFor(
			event,
			groupId,
			listOf(field(body, 'participants')),
			{
				timestamp: timeOf(field(body, 'timestamp') ?? field(body, 'messageTimestamp')),
				...(requestMethod === undefined ? {} : { requestMethod }),
			},
			(entry) => field(entry, 'PhoneNumber'),
		);
	},
	async find(client, target: HookTarget) {
		return (await hooks(client)).some((hook) => hook.url === target.tokenUrl && hook.enabled !== false);
	},
	async register(client, target: HookTarget) {
		const existing = (await hooks(client)).find((hook) => hook.url === target.tokenUrl && typeof hook.id === 'string');
		if (existing) {
			// Ours, but disabled (by the user or an older run): switched back on, no second one added.
			await write(client, { action: 'update', id: existing.id as string, url: target.tokenUrl, ...SETTINGS }, 'turn this trigger\'s webhook back on');
		} else {
			await write(client, { action: 'add', url: target.tokenUrl, ...SETTINGS }, 'add this trigger\'s webhook');
		}
		return {};
	},
	async unregister(client, target: HookTarget) {
		for (const hook of await hooks(client)) {
			if (hook.url !== target.tokenUrl || typeof hook.id !== 'string') continue;
			await write(client, { action: 'delete', id: hook.id }, 'remove this trigger\'s webhook');
		}
	},
};
