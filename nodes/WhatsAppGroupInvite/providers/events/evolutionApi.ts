/**
 * Evolution API v2's group events (EvolutionAPI/evolution-api@3454bec, v2.3.6, on baileys 7.0.0-rc.6).
 *
 * Payload (src/api/integrations/event/webhook/webhook.controller.ts:92-101,123-131): every event is a
 * POST `{event, instance, data, destination, date_time, sender, server_url, apikey}`, the same body
 * whether `byEvents` is on or off (byEvents only appends `/<event-name>` to the URL, :107-111: this
 * trigger registers byEvents false so the URL is n8n's own). `event` is `group-participants.update`
 * (src/api/types/wa.types.ts:29) for GROUP_PARTICIPANTS_UPDATE, `data` Baileys' event
 * (whatsapp.baileys.service.ts:1594-1656): `{id, author, authorPn?, participants, action:
 * add|remove|promote|demote|modify}`. With baileys rc.6 the participants are objects `{id, phoneNumber?,
 * lid?, admin}` (WhiskeySockets/Baileys@v7.0.0-rc.6 src/Socket/messages-recv.ts:604-631,
 * src/Types/Events.ts:65-71), which makes Evolution's participantsData enrichment throw and send the
 * event as is (:1640-1650); with older Baileys they are JID strings with `participantsData: [{jid,
 * phoneNumber, …}]` beside them, where phoneNumber falls back to the id's digits (a LID's, for a LID):
 * a phone is therefore read only where it is given as a phone JID. Baileys maps an added member, an
 * invite-link join and an approved request all to `add` without the reason (process-message.ts:413-422):
 * joinedVia is `unknown`. Evolution forwards no join-request event (no `group.join-request` handler in
 * the source). `date_time` is the server's local time written with a `Z` (channel.service.ts:435-437):
 * the time received is used instead. `apikey` is the instance's token when EXPOSE_IN_FETCH_INSTANCES is
 * on (channel.service.ts:440-452): it is removed from the body before anything can output it.
 *
 * Registration, replace (one webhook per instance, upserted: webhook.controller.ts:20-55; routes
 * webhook.router.ts:17-36): `GET /webhook/find/{instance}` → the stored row `{url, headers, enabled,
 * events, webhookByEvents, webhookBase64, …}` or null; `POST /webhook/set/{instance}` `{webhook: {enabled,
 * url, events, byEvents, base64, headers}}` writes all of it (`enabled: false` also empties events).
 * Evolution sends the row's `headers` with every POST (webhook.controller.ts:77,125-129), so the trigger
 * registers `x-wgi-token: <registration secret>` and checks it. On deactivation the previous row is
 * written back. Limits, from the source: there is no call to delete the row, so an instance that had
 * none gets a disabled one with an empty URL (nothing is sent; the find answers it instead of null); a
 * row's `headers: null` cannot be written back (Prisma refuses null for a Json field), `{}` is written;
 * a disabled row's events are emptied by Evolution itself.
 */
import type { IDataObject } from 'n8n-workflow';

import { sameSecret } from './signature';
import type { ProviderClient } from '../types';
import { eventsFor, field, groupOf, listOf, text } from './read';
import type { GroupEventName, GroupEventSource, HookTarget, ParticipantEvent, RegistrationState } from './types';

/** The header Evolution API is told to send with every webhook. */
export const EVOLUTION_TOKEN_HEADER = 'x-wgi-token';

const EVENT = 'GROUP_PARTICIPANTS_UPDATE';
const ACTIONS: Record<string, GroupEventName> = { add: 'memberJoined', remove: 'memberLeft' };

function instancePath(client: ProviderClient): string {
	return encodeURIComponent(String(client.credentials.instanceName ?? '').trim());
}

async function readHook(client: ProviderClient): Promise<IDataObject | null> {
	const response = await client.send({
		method: 'GET',
		path: `/webhook/find/${instancePath(client)}`,
		idempotent: true,
		action: 'read the webhook settings',
	});
	const body = response.body;
	if (body === null || body === undefined || body === '' || body === 'null') return null;
	if (typeof body !== 'object' || Array.isArray(body)) throw client.invalidResponse('did not answer its webhook settings', response);
	return body as IDataObject;
}

async function writeHook(client: ProviderClient, webhook: IDataObject, action: string): Promise<void> {
	await client.send({ method: 'POST', path: `/webhook/set/${instancePath(client)}`, body: { webhook }, idempotent: false, action });
}

/** Whether the stored row is this trigger's registration (its URL and its header). */
function isOurs(row: IDataObject | null, target: HookTarget): boolean {
	if (!row || row.url !== target.url) return false;
	const headers = row.headers;
	const given = headers !== null && typeof headers === 'object' ? (headers as IDataObject)[EVOLUTION_TOKEN_HEADER] : undefined;
	return sameSecret(typeof given === 'string' ? given : undefined, target.secret);
}

/** A phone JID Evolution gives beside a participant (never the LID digits of its fallback). */
function phoneJid(value: unknown): string | undefined {
	const raw = text(value);
	return raw !== undefined && /@(s\.whatsapp\.net|c\.us)$/i.test(raw) ? raw : undefined;
}

export const evolutionApiEvents: GroupEventSource = {
	setups: ['manual', 'replace'],
	proof: 'header',
	manualSteps:
		'in Evolution API (manager → your instance → Events → Webhook, or POST /webhook/set/{instance}), enable the webhook with this URL, "Webhook by Events" off, and the event GROUP_PARTICIPANTS_UPDATE. It replaces the instance\'s one webhook URL.',
	verify(request, keys) {
		if (keys.mode === 'manual') return undefined; // The user set the URL by hand: no header of ours to check.
		return sameSecret(request.headers[EVOLUTION_TOKEN_HEADER], keys.secret);
	},
	parse(request) {
		const body = request.body;
		const event = text(field(body, 'event'));
		if (event === undefined || field(body, 'instance') === undefined) return undefined;
		// The instance's token: a secret, never part of an item's raw body.
		delete (body as Record<string, unknown>).apikey;
		if (event.replace(/[.-]/g, '_').toUpperCase() !== EVENT) return [];
		const data = field(body, 'data');
		const kind = ACTIONS[text(field(data, 'action')) ?? ''];
		const groupId = groupOf(field(data, 'id'));
		if (!kind || !groupId) return [];
		const known = new Map<string, string>();
		for (const entry of listOf(field(data, 'participantsData'))) {
			const jid = text(field(entry, 'jid'));
			const phone = phoneJid(field(entry, 'phoneNumber'));
			if (jid !== undefined && phone !== undefined) known.set(jid, phone);
		}
		const phoneOf = (entry: unknown): unknown =>
			typeof entry === 'string' ? known.get(entry) : phoneJid(field(entry, 'phoneNumber'));
		const out: ParticipantEvent[] = eventsFor(
			kind,
			groupId,
			listOf(field(data, 'participants')),
			{ timestamp: new Date().toISOString(), by: text(field(data, 'author')) },
			phoneOf,
		);
		return out;
	},
	async find(client, target) {
		const row = await readHook(client);
		const events = row ? listOf(row.events) : [];
		return row !== null && row.enabled === true && events.includes(EVENT) && isOurs(row, target);
	},
	async register(client, target) {
		const previous = await readHook(client);
		await writeHook(
			client,
			{ enabled: true, url: target.url, events: [EVENT], byEvents: false, base64: false, headers: { [EVOLUTION_TOKEN_HEADER]: target.secret } },
			"point the instance's webhook at this trigger",
		);
		const state: RegistrationState = { previous };
		return state;
	},
	async unregister(client, target, _mode, state) {
		const current = await readHook(client);
		if (!isOurs(current, target)) return; // The user changed it meanwhile: left as it is.
		const previous = (state.previous ?? null) as IDataObject | null;
		const webhook: IDataObject = previous
			? {
					enabled: previous.enabled !== false,
					url: typeof previous.url === 'string' ? previous.url : '',
					events: Array.isArray(previous.events) ? previous.events : [],
					byEvents: previous.webhookByEvents === true,
					base64: previous.webhookBase64 === true,
					headers: previous.headers !== null && typeof previous.headers === 'object' ? previous.headers : {},
				}
			: // No webhook before: the nearest Evolution can store, a disabled one with no URL and no header.
				{ enabled: false, url: '', events: [], byEvents: false, base64: false, headers: {} };
		await writeHook(client, webhook, "put the instance's previous webhook back");
	},
};
