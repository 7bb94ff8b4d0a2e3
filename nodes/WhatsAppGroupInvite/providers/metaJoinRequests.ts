/**
 * Join requests of the Meta WhatsApp Cloud API (Groups API), for its adapter (./metaCloudApi.ts):
 * per the Groups reference page (notes: docs/research/join-requests-ryzeapi-meta-zapi-uazapi.md §2;
 *   §"Get join requests", §"Approve join requests", §"Reject join requests"; pywa@0bcf2f1
 *   pywa/api.py:2536-2597, pywa/client.py:4845-4918, pywa/types/groups.py:206-215,247-290):
 *   - List `GET /{version}/{group_id}/join_requests` → `{data: [{join_request_id, wa_id,
 *     creation_timestamp (Unix seconds; a number or a numeric string)}], paging: {cursors: {before,
 *     after}, next}}`; every page is read (`after` while `next` is given). No request method. `wa_id`
 *     (digits) is the requester; it may be empty for a user with a username (BSUID rollout,
 *     https://developers.facebook.com/documentation/business-messaging/whatsapp/business-scoped-user-ids):
 *     such an entry names no phone number and is left out.
 *   - Approve `POST` and reject `DELETE` on the same path with `{messaging_product: "whatsapp",
 *     join_requests: [join_request_id]}`: Meta takes request ids, not numbers, so the requester's phone
 *     number is looked up in the list first (wa_id → join_request_id); none pending → notPending before
 *     any write. A LID is not a Cloud API id: a requester given only as a LID is refused before any
 *     request. The answer `{approved_join_requests | rejected_join_requests: [id], failed_join_requests:
 *     [{join_request_id, errors: [{code, message}]}], errors}` may report a failure inside HTTP 200 (or
 *     206, code 131201 "Request partially succeeded", Groups error-codes page; whether join_requests uses
 *     206 is UNVERIFIED): the request id must be among the approved/rejected ones. pywa instead reads
 *     `request_id` from the answer (an asynchronous operation id): with no failure reported, that is
 *     read as accepted. 131213 "Group join request does not exist" (Groups error-codes page; HTTP 400,
 *     whether at the top level or inside failed_join_requests is UNVERIFIED, both are read) is
 *     notPending. A top-level HTTP 400 is therefore handed back to the adapter; one that is a rate
 *     limit (isRateLimited) is sent again through the transport, which waits and retries it (Meta did
 *     nothing then).
 *   - Approval on/off: none after creation. `join_approval_mode` is a create-time field (`POST
 *     /{phone_number_id}/groups`); "Update group settings" (`POST /{group_id}`) takes only subject,
 *     description and picture. So setJoinApproval is absent.
 */
import type { GroupRef } from '../whatsapp/groupId';
import type { Requester } from '../whatsapp/requester';
import { RequesterError, requesterFromVendor } from '../whatsapp/requester';
import { arrayAt, joinRequestOf } from './listing';
import { errorCode, groupPath, isThrottled, numberOf } from './metaGraph';
import { field, text } from './read';
import type { JoinRequest, ProviderClient, ProviderRequest } from './types';

/** "Group join request does not exist" (the request was approved, rejected or withdrawn). */
export const NOT_PENDING = 131213;

/** The ids in a list of request ids (strings, or objects with the id). */
function idsIn(value: unknown): string[] {
	if (!Array.isArray(value)) return [];
	return value
		.map((entry) => text(entry) ?? text(field(entry, 'join_request_id')) ?? text(field(entry, 'id')))
		.filter((id): id is string => id !== undefined);
}

/** The errors of an answer's `errors` array, as one text, and whether one of them is 131213. */
export function errorsOf(value: unknown): { reason?: string; notPending: boolean } {
	const errors = Array.isArray(value) ? value : [];
	const notPending = errors.some(
		(e) => numberOf(field(e, 'code')) === NOT_PENDING || /join request does not exist/i.test(text(field(e, 'message')) ?? ''),
	);
	const texts = errors
		.map((e) => {
			const message = text(field(e, 'message')) ?? text(field(e, 'title'));
			const details = text(field(e, 'error_data', 'details'));
			return message && details && !message.includes(details) ? `${message} (${details})` : (message ?? details);
		})
		.filter((t): t is string => t !== undefined);
	return { reason: texts.length > 0 ? texts.join('; ') : undefined, notPending };
}

/** Every pending join request of a group, every page. */
export async function allJoinRequests(client: ProviderClient, group: GroupRef): Promise<JoinRequest[]> {
	const requests: JoinRequest[] = [];
	const seen = new Set<string>();
	let after: string | undefined;
	for (;;) {
		const response = await client.send({
			method: 'GET',
			path: groupPath(group, 'join_requests'),
			...(after !== undefined ? { qs: { after } } : {}),
			idempotent: true,
			action: 'list the join requests',
		});
		const rows = arrayAt(response.body, ['data']);
		if (!rows) throw client.invalidResponse('did not include the list of join requests', response);
		for (const row of rows) {
			const requester = requesterFromVendor(text(field(row, 'wa_id')) ?? numberOf(field(row, 'wa_id')));
			if (!requester || requester.phone === undefined) continue;
			const request = joinRequestOf({ requester, at: field(row, 'creation_timestamp'), id: field(row, 'join_request_id') });
			if (request) requests.push(request);
		}
		const next = text(field(response.body, 'paging', 'cursors', 'after'));
		const more = rows.length > 0 && next !== undefined && text(field(response.body, 'paging', 'next')) !== undefined;
		if (!more || seen.has(next)) return requests;
		seen.add(next);
		after = next;
	}
}

export async function settle(client: ProviderClient, group: GroupRef, requester: Requester, verb: 'approve' | 'reject'): Promise<void> {
	const action = `${verb} the join request`;
	if (requester.phone === undefined) {
		throw new RequesterError(
			`The Meta WhatsApp Cloud API can only ${verb} a join request by the requester's phone number, and ${requester.jid} is a LID`,
			"Give the requester's phone number with its country code (e.g. 5511999999999), as Get Many Join Requests outputs it for this provider.",
		);
	}
	// Meta acts on its own request ids: find the requester's among the pending ones.
	const pending = (await allJoinRequests(client, group)).find((r) => r.requester.phone === requester.phone);
	if (pending?.requestId === undefined) throw client.notPending(requester);
	const id = pending.requestId;
	const request: ProviderRequest = {
		method: verb === 'approve' ? 'POST' : 'DELETE',
		path: groupPath(group, 'join_requests'),
		body: { messaging_product: 'whatsapp', join_requests: [id] },
		idempotent: false,
		action,
	};
	let response = await client.send({ ...request, passStatuses: [400] });
	if (response.statusCode === 400) {
		if (errorCode(response.body) === NOT_PENDING) throw client.notPending(requester, response);
		// A rate limit: Meta did nothing. The transport waits and retries it like any throttled request.
		if (!isThrottled(response.body)) throw client.httpError(request, response);
		response = await client.send(request);
	}
	const body = response.body;
	const failed = (Array.isArray(field(body, 'failed_join_requests')) ? (field(body, 'failed_join_requests') as unknown[]) : []).find(
		(entry) => text(field(entry, 'join_request_id')) === id || text(field(entry, 'request_id')) === id,
	);
	if (failed !== undefined) {
		const { reason, notPending } = errorsOf(field(failed, 'errors'));
		if (notPending) throw client.notPending(requester, response);
		throw client.reportedFailure(action, reason, response);
	}
	const done = idsIn(field(body, verb === 'approve' ? 'approved_join_requests' : 'rejected_join_requests'));
	if (done.includes(id)) return;
	const top = errorsOf(field(body, 'errors'));
	if (top.notPending) throw client.notPending(requester, response);
	if (top.reason !== undefined) throw client.reportedFailure(action, top.reason, response);
	if (done.length === 0 && text(field(body, 'request_id')) !== undefined) return;
	throw client.invalidResponse(`did not say whether it could ${action}`, response);
}
