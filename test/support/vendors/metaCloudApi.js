// @ts-check
'use strict';
/**
 * Meta WhatsApp Cloud API, Groups API (developers.facebook.com/documentation/business-messaging/
 * whatsapp/groups/reference; notes/meta-groups.md): `Authorization: Bearer <token>`, the Graph version
 * first in every path, opaque group IDs, the Graph error envelope.
 *
 * Group IDs: Meta's are base64 of `capi_group:<business phone>:<group number>` with Meta's own
 * escaping (`Z` → `ZA`, `+` → `ZB`, `/` → `ZC`, `=` → `ZD`; Meta's example
 * `Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD` decodes so). The simulator builds them
 * that way from its groups' ids, so every simulated group has a Meta ID (`groupRef`); the node never
 * decodes them.
 *
 * A simulated group the number is "not an admin of" has no Meta equivalent (the business that
 * creates a group is always its admin): here it is a group WhatsApp suspended, which the Groups API
 * still lists (its group info has a `suspended` field) and whose link calls answer 131207 (HTTP 403).
 *
 * Join requests (same reference, §"Get join requests", §"Approve join requests", §"Reject join
 * requests"; docs/research/join-requests-ryzeapi-meta-zapi-uazapi.md §2): GET lists `{data:
 * [{join_request_id, wa_id, creation_timestamp}], paging}`, POST approves and DELETE rejects
 * `{messaging_product, join_requests: [id]}`, answering `approved_join_requests` /
 * `rejected_join_requests` and, for an id that is not pending, `failed_join_requests` with 131213
 * (or, variant `metaJoinNotPending: '400'`, a top-level HTTP 400: where Meta puts it is UNVERIFIED).
 * A requester known only by a LID has no wa_id (Meta gives an empty one, as for username users).
 */
const crypto = require('node:crypto');
const { newInviteCode, json } = require('./common');

/** The business phone number the simulated groups belong to (digits, as inside Meta's IDs). */
const BUSINESS_PHONE = '15550783881';

/** @param {string} base64 */
const escape = (base64) => base64.replace(/Z/g, 'ZA').replace(/\+/g, 'ZB').replace(/\//g, 'ZC').replace(/=/g, 'ZD');
/** @param {string} text @returns {string} */
const unescape = (text) => text.replace(/Z([A-D])/g, (_m, c) => /** @type {Record<string, string>} */ ({ A: 'Z', B: '+', C: '/', D: '=' })[c]);

/** Meta's group ID for a simulated group (its id before @g.us). @param {string} id */
function metaGroupId(id) {
	return escape(Buffer.from(`capi_group:${BUSINESS_PHONE}:${id}`).toString('base64'));
}

/** The simulated group id a Meta group ID stands for, if it is one. @param {string} metaId */
function groupOfMetaId(metaId) {
	if (!/^[A-Za-z0-9]+$/.test(metaId)) return undefined;
	return /^capi_group:(\d+):(.+)$/.exec(Buffer.from(unescape(metaId), 'base64').toString('utf8'))?.[2];
}

/** A Graph paging cursor (Meta escapes them like its IDs). @param {number} offset */
const cursorOf = (offset) => escape(Buffer.from(JSON.stringify({ offset })).toString('base64'));
/** @param {string} cursor @returns {number | undefined} */
function offsetOf(cursor) {
	try {
		const offset = JSON.parse(Buffer.from(unescape(cursor), 'base64').toString('utf8')).offset;
		return Number.isInteger(offset) && offset >= 0 ? offset : undefined;
	} catch {
		return undefined;
	}
}

const trace = () => `A${crypto.randomBytes(9).toString('base64').replace(/[^A-Za-z0-9]/g, 'x')}`;

/**
 * The Graph error envelope (developers.facebook.com/documentation/business-messaging/whatsapp/support/error-codes).
 * @param {number} status @param {number} code @param {string} message
 * @param {{ type?: string, subcode?: number, details?: string }} [extra]
 */
function graphError(status, code, message, extra = {}) {
	return json(status, {
		error: {
			message,
			type: extra.type ?? 'OAuthException',
			code,
			...(extra.subcode === undefined ? {} : { error_subcode: extra.subcode }),
			...(extra.details === undefined ? {} : { error_data: { messaging_product: 'whatsapp', details: extra.details } }),
			fbtrace_id: trace(),
		},
	});
}

/** @param {string} id */
const noSuchObject = (id) =>
	graphError(
		400,
		100,
		`Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
		{ type: 'GraphMethodException', subcode: 33 },
	);

/** Error codes for the simulator's generic faults (injected with an HTTP status). @type {Record<number, number>} */
const FAULT_CODES = { 400: 100, 401: 190, 403: 10, 404: 100, 429: 130429, 500: 131000, 503: 2 };

/** @type {import('./index').SimVendor} */
module.exports = {
	id: 'metaCloudApi',
	credentialType: 'groupInviteMetaWhatsAppApi',
	makeAuth: () => ({
		accessToken: `EAAG${crypto.randomBytes(24).toString('hex')}`,
		phoneNumberId: `1065${String(crypto.randomInt(10_000_000_000, 99_999_999_999))}`,
		// The Meta app's App Secret (signs every webhook) and the verify token given beside the callback URL.
		appSecret: crypto.randomBytes(16).toString('hex'),
		verifyToken: `verify-${crypto.randomBytes(12).toString('hex')}`,
	}),
	variants: {
		/** @type {'groups' | 'array'} List shape: Meta's reference `{data: {groups}}`, or pywa/Gupshup's `{data: [...]}`. */
		metaListShape: 'groups',
		/** @type {'valid' | 'expired'} An expired token answers 190/463 (HTTP 401) everywhere. */
		metaToken: 'valid',
		/** Whether the number may use the Groups API (else 131215 on group calls, HTTP 400). */
		metaEligible: true,
		/** How many join requests one list page holds (Meta's default page size is not documented). */
		metaJoinPage: 25,
		/** @type {'failed' | '400'} How a request id that is not pending is answered: in failed_join_requests (HTTP 200), or a top-level 400. */
		metaJoinNotPending: 'failed',
	},
	credentials: (auth, baseUrl) => ({ ...auth, graphVersion: 'v26.0', baseUrl }),
	secrets: (auth) => [auth.accessToken, auth.appSecret, auth.verifyToken],
	errorBody: (message, status) => ({
		error: {
			message,
			type: status === 404 ? 'GraphMethodException' : 'OAuthException',
			code: FAULT_CODES[status] ?? 1,
			...(status === 404 ? { error_subcode: 33 } : {}),
			fbtrace_id: trace(),
		},
	}),
	groupRef: metaGroupId,
	/**
	 * Meta's webhooks: the callback URL is set in the app's dashboard (nothing registered: `initial()` {},
	 * `targets()` []; tests post with `sim.deliverTo`). The body is Meta's envelope with a
	 * `group_participants_update` change (developers.facebook.com/documentation/business-messaging/whatsapp/
	 * groups/webhooks; field names per that page and docs.ycloud.com's rendering: UNVERIFIED in detail),
	 * signed `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body with the App Secret>`.
	 */
	webhooks: {
		initial: () => ({}),
		targets: () => [],
		request: (kind, event, _target, auth, forge) => {
			const at = String(event.at ?? 1764979200);
			const wa = (/** @type {{ phone?: string, lid?: string }} */ p) => ({ wa_id: p.phone ?? '' });
			/** @type {Record<string, unknown>} */
			let group = {};
			if (kind === 'memberJoined') {
				// Meta documents `reason: "invite_link"`; the reason of a join from an approved request is not
				// documented ("join_request" here is the trigger's UNVERIFIED guess), and Meta has no admin add.
				const reason = event.via === 'request_approved' ? 'join_request' : event.via === 'added' ? undefined : 'invite_link';
				group = { timestamp: at, group_id: metaGroupId(event.group), type: 'group_participants_add', ...(reason ? { reason } : {}), added_participants: event.participants.map(wa) };
			} else if (kind === 'memberLeft') {
				group = {
					timestamp: at,
					group_id: metaGroupId(event.group),
					type: 'group_participants_remove',
					initiated_by: event.by ?? event.participants[0]?.phone ?? '',
					removed_participants: event.participants.map(wa),
				};
			} else if (kind === 'joinRequested') {
				const p = event.participants[0] ?? {};
				group = { timestamp: at, group_id: metaGroupId(event.group), type: 'group_join_request_created', join_request_id: `JR${crypto.randomBytes(6).toString('hex')}`, wa_id: p.phone ?? '' };
			}
			const change =
				kind === 'other'
					? {
							field: 'messages',
							value: {
								messaging_product: 'whatsapp',
								metadata: { display_phone_number: BUSINESS_PHONE, phone_number_id: auth.phoneNumberId },
								messages: [{ from: '5511977776666', id: 'wamid.AAA', timestamp: at, type: 'text', text: { body: 'hi' } }],
							},
						}
					: {
							field: 'group_participants_update',
							value: { messaging_product: 'whatsapp', metadata: { display_phone_number: BUSINESS_PHONE, phone_number_id: auth.phoneNumberId }, groups: [group] },
						};
			const text = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '102290129340398', changes: [change] }] });
			const key = forge ? `${auth.appSecret}-forged` : auth.appSecret;
			return { body: text, headers: { 'X-Hub-Signature-256': `sha256=${crypto.createHmac('sha256', key).update(text).digest('hex')}` } };
		},
	},
	/**
	 * Faults only Meta answers: throttling as HTTP 400 with the rate-limit code in the body (Meta's
	 * error-code table gives 400 for these codes; older copies 429).
	 */
	faults: {
		throttle400: () => graphError(400, 130429, '(#130429) Rate limit hit', { details: 'Cloud API message throughput has been reached.' }),
		appLimit400: () => graphError(400, 4, '(#4) Application request limit reached'),
	},

	route(sim, method, url) {
		const m = /^\/(v\d+\.\d+)\/([^/]+)(?:\/(invite_link|groups|join_requests))?$/.exec(url.pathname);
		if (!m) return undefined;
		const [, , rawId, edge] = m;
		const id = decodeURIComponent(rawId);
		/** @type {import('./index').Op} */
		const op =
			edge === 'groups'
				? 'list'
				: edge === 'invite_link'
					? method === 'GET' ? 'get' : 'reset'
					: edge === 'join_requests'
						? method === 'GET' ? 'joinRequests' : method === 'DELETE' ? 'reject' : 'approve'
						: 'status';
		const gid = edge === 'invite_link' || edge === 'join_requests' ? groupOfMetaId(id) : undefined;
		return {
			op,
			...(gid === undefined ? {} : { group: gid }),
			handler: (req, u, body) => {
				const auth = sim.auth.metaCloudApi;
				const authorization = String(req.headers.authorization ?? '');
				if (!authorization.startsWith('Bearer ')) {
					return graphError(400, 104, 'An access token is required to request this resource.');
				}
				if (authorization.slice('Bearer '.length) !== auth.accessToken) {
					return graphError(401, 190, 'Invalid OAuth access token - Cannot parse access token');
				}
				if (sim.variants.metaToken === 'expired') {
					return graphError(401, 190, 'Error validating access token: Session has expired on Friday, 01-Aug-25 10:00:00 PDT. The current time is Monday, 04-Aug-25 09:00:00 PDT.', { subcode: 463 });
				}
				if (op === 'status') {
					// GET /{phone_number_id}?fields=… (the credential test).
					if (method !== 'GET') return graphError(400, 100, 'Unsupported post request.', { type: 'GraphMethodException' });
					if (id !== auth.phoneNumberId) return noSuchObject(id);
					const fields = (u.searchParams.get('fields') ?? 'id').split(',');
					/** @type {Record<string, unknown>} */
					const node = { id: auth.phoneNumberId, display_phone_number: '+1 555-078-3881', verified_name: 'Acme Support', quality_rating: 'GREEN' };
					const unknown = fields.find((f) => !(f in node));
					if (unknown) return graphError(400, 100, `(#100) Tried accessing nonexisting field (${unknown}) on node type (WhatsAppBusinessPhoneNumber)`);
					return json(200, Object.fromEntries(fields.map((f) => [f, node[f]])));
				}
				if (!sim.variants.metaEligible) {
					return graphError(400, 131215, '(#131215) Groups API not available for this number', { details: 'This business phone number is not eligible to use the Groups API.' });
				}
				if (op === 'list') {
					if (id !== auth.phoneNumberId) return noSuchObject(id);
					if (method !== 'GET') return graphError(400, 100, '(#100) The parameter subject is required');
					const limit = Number(u.searchParams.get('limit') ?? '25');
					if (!Number.isInteger(limit) || limit < 1 || limit > 1024) return graphError(400, 100, '(#100) Param limit must be a number between 1 and 1024');
					const after = u.searchParams.get('after');
					const offset = after === null ? 0 : offsetOf(after);
					if (offset === undefined) return graphError(400, 131059, '(#131059) Invalid cursor', { details: 'The pagination cursor is invalid or has expired.' });
					const all = [...sim.groups];
					const slice = all.slice(offset, offset + limit);
					const rows = slice.map(([gid, g]) =>
						sim.variants.metaListShape === 'array'
							? { id: metaGroupId(gid), subject: g.name, creation_timestamp: 1755548877 }
							: { id: metaGroupId(gid), subject: g.name, created_at: '1755548877' },
					);
					const end = offset + slice.length;
					const base = `https://graph.facebook.com/${m[1]}/${auth.phoneNumberId}/groups?access_token=${auth.accessToken}&limit=${limit}`;
					const paging = {
						cursors: { before: cursorOf(offset), after: cursorOf(end) },
						...(offset > 0 ? { previous: `${base}&before=${cursorOf(offset)}` } : {}),
						...(end < all.length ? { next: `${base}&after=${cursorOf(end)}` } : {}),
					};
					return json(200, { data: sim.variants.metaListShape === 'array' ? rows : { groups: rows }, paging });
				}
				const group = gid === undefined ? undefined : sim.groups.get(gid);
				if (!group) return noSuchObject(id);
				if (!group.admin) {
					return graphError(403, 131207, '(#131207) Group suspended', { details: 'This group has been suspended for violating WhatsApp policies.' });
				}
				if (edge === 'join_requests') return joinRequests(sim, op, m[1], id, /** @type {string} */ (gid), group, u, req, body);
				if (method === 'GET') {
					return json(200, { messaging_product: 'whatsapp', invite_link: `https://chat.whatsapp.com/${group.code}` });
				}
				if (method === 'DELETE') {
					// Meta's v23.0 reference: DELETE removes the link ({"success": "true"}). The node never calls it.
					group.code = newInviteCode();
					return json(200, { messaging_product: 'whatsapp', success: 'true' });
				}
				if (method !== 'POST') return graphError(400, 100, `Unsupported ${method.toLowerCase()} request.`, { type: 'GraphMethodException' });
				const parsed = messagingBody(req, body);
				if (!parsed) return graphError(400, 100, '(#100) The parameter messaging_product is required');
				group.code = newInviteCode();
				return json(200, { messaging_product: 'whatsapp', invite_link: `https://chat.whatsapp.com/${group.code}` });
			},
		};
	},
};

/**
 * A JSON body with `messaging_product: "whatsapp"`, as Meta's writes require, or undefined.
 * @param {import('node:http').IncomingMessage} req @param {string} body @returns {any}
 */
function messagingBody(req, body) {
	if (!String(req.headers['content-type'] ?? '').includes('application/json')) return undefined;
	let parsed;
	try {
		parsed = JSON.parse(body || '{}');
	} catch {
		parsed = {};
	}
	return parsed?.messaging_product === 'whatsapp' ? parsed : undefined;
}

/**
 * GET (list), POST (approve) and DELETE (reject) /{group_id}/join_requests.
 * @param {any} sim @param {import('./index').Op} op @param {string} version @param {string} metaId
 * @param {string} gid @param {import('./index').SimGroup} group @param {URL} u
 * @param {import('node:http').IncomingMessage} req @param {string} body
 */
function joinRequests(sim, op, version, metaId, gid, group, u, req, body) {
	if (op === 'joinRequests') {
		const limit = Number(u.searchParams.get('limit') ?? sim.variants.metaJoinPage);
		if (!Number.isInteger(limit) || limit < 1) return graphError(400, 100, '(#100) Param limit must be a positive number');
		const after = u.searchParams.get('after');
		const offset = after === null ? 0 : offsetOf(after);
		if (offset === undefined) return graphError(400, 131059, '(#131059) Invalid cursor', { details: 'The pagination cursor is invalid or has expired.' });
		const all = group.joinRequests;
		const slice = all.slice(offset, offset + limit);
		const end = offset + slice.length;
		const base = `https://graph.facebook.com/${version}/${metaId}/join_requests?access_token=${sim.auth.metaCloudApi.accessToken}&limit=${limit}`;
		return json(200, {
			data: slice.map((/** @type {import('./index').SimJoinRequest} */ r) => ({ join_request_id: r.requestId, wa_id: r.phone ?? '', creation_timestamp: r.at })),
			paging: {
				cursors: { before: cursorOf(offset), after: cursorOf(end) },
				...(offset > 0 ? { previous: `${base}&before=${cursorOf(offset)}` } : {}),
				...(end < all.length ? { next: `${base}&after=${cursorOf(end)}` } : {}),
			},
		});
	}
	const parsed = messagingBody(req, body);
	if (!parsed) return graphError(400, 100, '(#100) The parameter messaging_product is required');
	const ids = Array.isArray(parsed.join_requests) ? parsed.join_requests.map(String) : [];
	if (ids.length === 0) return graphError(400, 100, '(#100) The parameter join_requests is required');
	const action = op === 'reject' ? 'reject' : 'approve';
	/** @type {string[]} */
	const done = [];
	/** @type {Array<Record<string, unknown>>} */
	const failed = [];
	const missing = {
		code: 131213,
		message: '(#131213) Group join request does not exist.',
		title: 'Group join request does not exist.',
		error_data: { details: 'The join request was already approved, rejected or withdrawn.' },
	};
	for (const requestId of ids) {
		const pending = group.joinRequests.some((/** @type {import('./index').SimJoinRequest} */ r) => r.requestId === requestId);
		if (pending && sim.settleJoinRequest(gid, requestId, action)) done.push(requestId);
		else failed.push({ join_request_id: requestId, errors: [missing] });
	}
	if (failed.length > 0 && sim.variants.metaJoinNotPending === '400') {
		return graphError(400, 131213, missing.message, { details: missing.error_data.details });
	}
	return json(200, {
		messaging_product: 'whatsapp',
		[action === 'approve' ? 'approved_join_requests' : 'rejected_join_requests']: done,
		...(failed.length > 0 ? { failed_join_requests: failed } : {}),
	});
}
