/**
 * Reading group lists and invite lookups, shared by the adapters: each adapter names its vendor's
 * fields, these helpers turn them into a GroupSummary. A field the vendor does not give stays absent.
 */
import type { GroupIdRules } from '../whatsapp/groupId';
import { canonicalGroupId } from '../whatsapp/groupId';
import { toInvite } from '../whatsapp/invite';
import type { Requester } from '../whatsapp/requester';
import type { GroupSummary, JoinRequest, ProviderClient, ProviderRequest, ProviderResponse } from './types';
import { field, isoTime, text } from './read';

/** ProviderClient.memo keys: the connected number's ids, and why they could not be read. */
const CONNECTED = 'connectedIds';
const CONNECTED_FAILURE = 'connectedIdsFailure';

/**
 * The connected number's ids (phone JID, LID…), for isAdmin: read once per execution with the
 * vendor's own request, then kept in ProviderClient.memo for every later item and page. When that
 * read fails (e.g. an Evolution API server that answers 404 to /instance/fetchInstances), the ids are
 * unknown (`[]`, so isAdmin stays absent), the list itself goes on, and connectedIdsFailure says why.
 */
export async function connectedIds(
	client: ProviderClient,
	request: Omit<ProviderRequest, 'idempotent' | 'action'>,
	read: (body: unknown) => unknown[],
): Promise<unknown[]> {
	if (!client.memo.has(CONNECTED)) {
		try {
			const response = await client.send({ ...request, idempotent: true, action: 'read which WhatsApp number is connected' });
			client.memo.set(CONNECTED, read(response.body));
		} catch (error) {
			client.memo.set(CONNECTED, []);
			client.memo.set(CONNECTED_FAILURE, error instanceof Error ? error.message : String(error));
		}
	}
	return client.memo.get(CONNECTED) as unknown[];
}

/** Why the connected number's ids could not be read in this execution (connectedIds), if they could not. */
export function connectedIdsFailure(memo: ReadonlyMap<string, unknown>): string | undefined {
	const failure = memo.get(CONNECTED_FAILURE);
	return typeof failure === 'string' ? failure : undefined;
}

/** The first array found at one of the paths (`[]` is the body itself). */
export function arrayAt(body: unknown, ...paths: string[][]): unknown[] | undefined {
	for (const path of paths) {
		const value = path.length === 0 ? body : field(body, ...path);
		if (Array.isArray(value)) return value;
	}
	return undefined;
}

/**
 * A Go slice in a Go gateway's JSON (GOWA, Wuzapi): the array at `path`, or `[]` for `null` (an empty
 * slice is nil in Go and serialises as null, e.g. for a number in no group); undefined for anything else.
 */
export function goSliceAt(body: unknown, ...path: string[]): unknown[] | undefined {
	const value = field(body, ...path);
	if (value === null) return [];
	return Array.isArray(value) ? value : undefined;
}

/** A whole number ≥ 0 from a number or a numeric string. */
function count(value: unknown): number | undefined {
	const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
	return typeof number === 'number' && Number.isInteger(number) && number >= 0 ? number : undefined;
}

/**
 * The user part of a WhatsApp user id, by which the same person is matched across spellings:
 * `5511…@s.whatsapp.net`, `5511…:12@c.us`, `5511…` → `5511…`; a LID `1234…@lid` → `1234…@lid` (a LID
 * and a phone number never match each other). Undefined for anything else (e.g. a group).
 */
export function userPart(value: unknown): string | undefined {
	const id = typeof value === 'string' ? value : text(field(value, '_serialized')) ?? text(field(value, 'user'));
	const match = id?.trim().match(/^\+?(\d{5,20})(?::\d+)?(@(?:s\.whatsapp\.net|c\.us|lid))?$/);
	if (!match) return undefined;
	return match[2] === '@lid' ? `${match[1]}@lid` : match[1];
}

function truthy(value: unknown): boolean {
	return value === true || value === 'true' || value === 1;
}

/** Whether a participant entry has an admin role, in any of the vendors' spellings. */
function isAdminEntry(entry: unknown): boolean {
	const role = text(field(entry, 'rank')) ?? text(field(entry, 'admin')) ?? text(field(entry, 'role'));
	if (role && /^(?:admin|superadmin|creator|owner)$/i.test(role)) return true;
	return ['isAdmin', 'isSuperAdmin', 'IsAdmin', 'IsSuperAdmin'].some((key) => truthy(field(entry, key)));
}

/**
 * Whether the connected number is an admin in `participants`. `me` are its ids as the vendor reports
 * them (phone number, LID; any spelling userPart reads). Undefined when it cannot be told: no
 * participant list, `me` unknown, or `me` not found in it.
 */
export function adminIn(participants: unknown, ...me: unknown[]): boolean | undefined {
	const mine = new Set(me.map(userPart).filter((id): id is string => id !== undefined));
	if (!Array.isArray(participants) || mine.size === 0) return undefined;
	const entry = participants.find((p) =>
		['id', 'jid', 'JID', 'phone', 'PhoneNumber', 'phoneNumber', 'pn', 'lid', 'LID'].some((key) => {
			const id = userPart(field(p, key));
			return id !== undefined && mine.has(id);
		}),
	);
	return entry === undefined ? undefined : isAdminEntry(entry);
}

/**
 * A group's participant count from its first size field that is above 0, else its participant list's
 * length. A 0 is not a count: every group has at least the connected number, and whatsmeow (Go) sends
 * `ParticipantCount: 0` when WhatsApp gave no size. Undefined when nothing tells.
 */
export function participantCountOf(participants: unknown, ...sizes: unknown[]): number | undefined {
	const size = sizes.find((value) => typeof value === 'number' && Number.isInteger(value) && value > 0);
	if (size !== undefined) return size as number;
	return Array.isArray(participants) && participants.length > 0 ? participants.length : undefined;
}

/**
 * A group as the WhatsApp Web engines report it (WAHA, and gateways built on it): NOWEB `{id,
 * subject, size, participants: [{id, admin}]}`, WEBJS chats `{id: {_serialized}, name, groupMetadata:
 * {subject, size, participants: [{id, isAdmin}]}}`, whatsmeow's GroupInfo (WAHA GOWS, Wuzapi, GOWA)
 * `{JID, Name, ParticipantCount, Participants: [{JID, PhoneNumber, IsAdmin, IsSuperAdmin}]}`.
 */
export function engineGroup(entry: unknown, me?: unknown[]): Parameters<typeof summary>[0] {
	const meta = field(entry, 'groupMetadata');
	const participants = field(entry, 'participants') ?? field(meta, 'participants') ?? field(entry, 'Participants');
	return {
		id: field(entry, 'id') ?? field(entry, 'JID') ?? field(meta, 'id'),
		name: field(entry, 'subject') ?? field(meta, 'subject') ?? field(entry, 'name') ?? field(entry, 'Name'),
		participantCount: participantCountOf(participants, field(entry, 'size'), field(meta, 'size'), field(entry, 'ParticipantCount')),
		isAdmin: me ? adminIn(participants, ...me) : undefined,
	};
}

/** A list that is an array, or an object map keyed by id (WAHA NOWEB), as an array. */
export function entriesOf(value: unknown): unknown[] | undefined {
	if (Array.isArray(value)) return value;
	if (value !== null && typeof value === 'object') return Object.values(value);
	return undefined;
}

/** The group-ID form of the gateways built on WhatsApp's own protocol (`…@g.us`). */
const JID: GroupIdRules = { acceptsInvite: false };

/**
 * A GroupSummary from the vendor's values, or undefined when `id` is not a group (e.g. a contact or a
 * channel in a chat list): only groups with a canonical ID in the provider's form (`rules`: the
 * adapter's groupIdRules; `…@g.us` by default) are listed.
 */
export function summary(
	values: {
		id: unknown;
		name?: unknown;
		participantCount?: unknown;
		/** The participant list, whose length is the count when the vendor gives no count field. */
		participants?: unknown;
		isAdmin?: boolean;
		invite?: unknown;
	},
	rules: GroupIdRules = JID,
): GroupSummary | undefined {
	const groupId = canonicalGroupId(values.id, rules);
	if (groupId === undefined) return undefined;
	const result: GroupSummary = { groupId };
	const name = text(values.name);
	if (name !== undefined) result.name = name;
	const participants =
		count(values.participantCount) ??
		(Array.isArray(values.participants) && values.participants.length > 0 ? values.participants.length : undefined);
	if (participants !== undefined) result.participantCount = participants;
	if (values.isAdmin !== undefined) result.isAdmin = values.isAdmin;
	const invite = toInvite(values.invite);
	if (invite) {
		result.inviteCode = invite.inviteCode;
		result.inviteLink = invite.inviteLink;
	}
	return result;
}

/**
 * Sends an invite lookup whose vendor answers a code that leads nowhere with an error status (`status`)
 * and a message saying so (`gone`, read with the adapter's `errorMessage`): that answer becomes
 * client.inviteGone, any other answer with that status the error the transport would have raised.
 * Returns the successful response.
 */
export async function sendLookup(
	client: ProviderClient,
	request: ProviderRequest,
	status: number,
	gone: RegExp,
	errorMessage: (body: unknown) => string | undefined,
): Promise<ProviderResponse> {
	const response = await client.send({ ...request, passStatuses: [status] });
	if (response.statusCode !== status) return response;
	if (gone.test(errorMessage(response.body) ?? '')) throw client.inviteGone(response);
	throw client.httpError(request, response);
}

/** The group an invite lookup answered with, or the error for an answer that names none (`rules`: as for summary). */
export function lookedUp(
	client: ProviderClient,
	response: ProviderResponse,
	values: Parameters<typeof summary>[0],
	rules: GroupIdRules = JID,
): GroupSummary {
	const group = summary(values, rules);
	if (!group) throw client.invalidResponse('did not say which group the invite link belongs to', response);
	return group;
}

/** The summaries of a list, leaving out what is not a group (`rules`: as for summary). */
export function summaries<T>(
	entries: T[],
	read: (entry: T) => Parameters<typeof summary>[0],
	rules: GroupIdRules = JID,
): GroupSummary[] {
	return entries.map((entry) => summary(read(entry), rules)).filter((g): g is GroupSummary => g !== undefined);
}

/**
 * A pending join request from the vendor's values, or undefined when `requester` names nobody: the
 * request method is the vendor's own word, the time ISO 8601 (from Unix seconds or a date text), the
 * id the vendor's own request id. A value the vendor does not give stays absent.
 */
export function joinRequestOf(values: { requester: Requester | undefined; method?: unknown; at?: unknown; id?: unknown }): JoinRequest | undefined {
	if (!values.requester) return undefined;
	const request: JoinRequest = { requester: values.requester };
	const method = text(values.method);
	if (method !== undefined) request.requestMethod = method;
	const at = isoTime(values.at);
	if (at !== undefined) request.requestedAt = at;
	const id = text(values.id);
	if (id !== undefined) request.requestId = id;
	return request;
}
