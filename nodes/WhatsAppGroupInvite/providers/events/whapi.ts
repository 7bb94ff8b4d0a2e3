/**
 * Whapi.Cloud's group events.
 *
 * Payload (spec 1.8.7: moham96/whapi-php-openapi@031dedd docs/Model/WebhookPayload.md,
 * docs/Model/ParticipantEvent.md, lib/Model/ParticipantEvent.php:244-247; Whapi's guide
 * https://support.whapi.cloud/help-desk/receiving/webhooks/incoming-webhooks-format/groups): a `groups`
 * webhook with method `put` posts `{groups_participants: [{group_id, participants: [...], action}],
 * event: {type: "groups", event: "put"}, channel_id}`; `action` is `add`, `remove`, `promote` or
 * `demote`, and `request` for a join request (https://whapi.cloud/blog/whatsapp-group-join-request-moderation).
 * Participants are phone digits or chat ids. Whapi says nothing of how a member came in: joinedVia
 * is `unknown`. No time in the event: the time received.
 *
 * Registration, automatic (several webhooks side by side; Whapi-Cloud/whapi-mcp@3d0f077 B_manifest.json
 * `getChannelSettings`, `updateChannelSettings`): `GET /settings` → `{webhooks: [{url, events: [{type,
 * method}], mode}], …}`; `PATCH /settings` `{webhooks: [...]}` sets the whole list, so the list read is
 * sent back with this trigger's hook added (or removed), every other hook unchanged. Whapi's own n8n
 * trigger deletes with `{settings: {...}}` wrapped (Whapi-Cloud/n8n-nodes-whapi@5898a9b
 * nodes/Whapi/WhapiTrigger.node.ts:114-130), which leaves the hook in place; this sends `{webhooks}`.
 * Whapi does not sign its webhooks: the URL carries the registration's token.
 */
import type { IDataObject } from 'n8n-workflow';

import type { ProviderClient } from '../types';
import { eventsFor, field, groupOf, listOf, text, timeOf } from './read';
import type { GroupEventName, GroupEventSource, HookTarget, ParticipantEvent } from './types';

const ACTIONS: Record<string, GroupEventName> = { add: 'memberJoined', remove: 'memberLeft', request: 'joinRequested' };

async function hooks(client: ProviderClient): Promise<IDataObject[]> {
	const response = await client.send({ method: 'GET', path: '/settings', idempotent: true, action: 'read the webhook settings' });
	const list = field(response.body, 'webhooks');
	if (list === undefined || list === null) return [];
	if (!Array.isArray(list)) throw client.invalidResponse('did not list its webhooks', response);
	return list as IDataObject[];
}

async function save(client: ProviderClient, webhooks: IDataObject[], action: string): Promise<void> {
	await client.send({ method: 'PATCH', path: '/settings', body: { webhooks }, idempotent: false, action });
}

export const whapiEvents: GroupEventSource = {
	setups: ['automatic', 'manual'],
	proof: 'urlToken',
	manualSteps:
		'in Whapi.Cloud\'s dashboard, open the channel\'s Settings → Webhooks, add a webhook with this URL, mode Body, and the event "groups" with method PUT.',
	parse(request) {
		const body = request.body;
		const changes = field(body, 'groups_participants');
		if (changes === undefined) return field(body, 'event') !== undefined || field(body, 'channel_id') !== undefined ? [] : undefined;
		const now = new Date();
		const out: ParticipantEvent[] = [];
		for (const change of listOf(changes)) {
			const event = ACTIONS[text(field(change, 'action')) ?? ''];
			const groupId = groupOf(field(change, 'group_id'));
			if (!event || !groupId) continue;
			out.push(...eventsFor(event, groupId, listOf(field(change, 'participants')), { timestamp: timeOf(field(change, 'timestamp'), now) }));
		}
		return out;
	},
	async find(client, target: HookTarget) {
		return (await hooks(client)).some((hook) => hook.url === target.tokenUrl);
	},
	async register(client, target: HookTarget) {
		const list = (await hooks(client)).filter((hook) => hook.url !== target.tokenUrl);
		list.push({ url: target.tokenUrl, events: [{ type: 'groups', method: 'put' }], mode: 'body' });
		await save(client, list, 'add this trigger\'s webhook');
		return {};
	},
	async unregister(client, target: HookTarget) {
		const list = await hooks(client);
		const rest = list.filter((hook) => hook.url !== target.tokenUrl);
		if (rest.length === list.length) return; // Already gone: nothing of the user's is touched.
		await save(client, rest, 'remove this trigger\'s webhook');
	},
};
