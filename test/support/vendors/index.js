// @ts-check
'use strict';
/**
 * The simulated vendors, one module each (as the node has one adapter each). Adding a vendor to the
 * simulator is one module here and one line in this list.
 *
 * @typedef {'get' | 'reset' | 'status' | 'list' | 'lookup' | 'joinRequests' | 'approve' | 'reject' | 'joinApproval' | 'webhookRead' | 'webhookWrite'} Op
 * @typedef {import('./common').Result} Result
 * @typedef {{ phone?: string, lid?: string, method: string, at: number, requestId: string }} SimJoinRequest a pending
 *   join request: the requester's phone digits and/or LID digits, how it was made, when (epoch seconds), and the
 *   request's own id (Meta's join_request_id)
 * @typedef {{ code: string, admin: boolean, name: string, size: number, approvalRequired: boolean,
 *   joinRequests: SimJoinRequest[] }} SimGroup
 * @typedef {object} SimVendor
 * @property {string} id the node's provider value
 * @property {string} credentialType the credential type whose data `credentials()` gives
 * @property {() => Record<string, string>} makeAuth the secrets a new simulator expects
 * @property {Record<string, unknown>} variants documented answer variants, switchable per test (their defaults)
 * @property {(auth: Record<string, string>, baseUrl: string) => Record<string, unknown>} credentials n8n credential data
 * @property {(auth: Record<string, string>) => string[]} secrets every secret value (none may leak)
 * @property {(message: string, status: number) => unknown} errorBody the vendor's error envelope, for injected faults
 * @property {(sim: any, method: string, url: URL) => { op: Op, group?: string, opFor?: (body: string) => Op, handler: (req: import('node:http').IncomingMessage, url: URL, body: string) => Result } | undefined} route
 *   `group`: the simulated group the request is about, for a vendor whose paths do not carry its id
 *   (by default the core finds a group JID or a `-group` id in the path, query or body);
 *   `opFor`: the operation read from the body, for a vendor whose read and reset share one URL
 * @property {(id: string) => string} [groupRef] how the vendor names a simulated group (by its id,
 *   the JID without its domain) in requests and answers, when that is not the JID (Meta's opaque IDs)
 * @property {Record<string, () => Result>} [faults] faults only this vendor answers (e.g. Meta's
 *   throttling as HTTP 400), injected by name like the core's
 * @property {SimWebhooks} [webhooks] the vendor's webhooks: its settings (read and written by its own
 *   routes, kept in `sim.hookState[id]`) and how it posts group events
 *
 * @typedef {'memberJoined' | 'memberLeft' | 'joinRequested' | 'other'} HookKind a group event to post
 *   (`other`: one of the vendor's events that is not about group members, e.g. a message)
 * @typedef {{ group: string, participants: Array<{ phone?: string, lid?: string }>, by?: string,
 *   via?: 'invite_link' | 'added' | 'request_approved', method?: string, at?: number }} HookEvent
 *   `group`: the group's id before @g.us; `by`: phone digits of who acted; `via`: how they joined, where
 *   the vendor says it; `method`: a join request's requestMethod; `at`: epoch seconds
 * @typedef {{ url: string, headers?: Record<string, string>, secret?: string }} HookTarget where the
 *   vendor posts: the URL, the headers it was told to add, the secret it signs with
 * @typedef {object} SimWebhooks
 * @property {() => any} initial the settings of a fresh instance (with a webhook of the user's own, where
 *   the gateway has a webhook setting, so that a test can see it kept)
 * @property {(state: any, auth: Record<string, string>) => HookTarget[]} targets the URLs the settings
 *   send group events to
 * @property {(kind: HookKind, event: HookEvent, target: HookTarget, auth: Record<string, string>, forge: boolean)
 *   => { body: string, contentType?: string, headers?: Record<string, string> }} request the vendor's
 *   POST for one event (signed like the vendor signs; `forge`: with a wrong signature or header)
 */

/** @type {SimVendor[]} */
const VENDORS = [
	require('./zApi'),
	require('./ryzeApi'),
	require('./wawp'),
	require('./evolutionApi'),
	require('./waha'),
	require('./whapi'),
	require('./metaCloudApi'),
	require('./uazapi'),
	require('./evolutionGo'),
	require('./wppconnect'),
	require('./wuzapi'),
	require('./gowa'),
];

module.exports = { VENDORS };
