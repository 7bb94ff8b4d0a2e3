// @ts-check
'use strict';
/**
 * The simulated vendors, one module each (as the node has one adapter each). Adding a vendor to the
 * simulator is one module here and one line in this list.
 *
 * @typedef {'get' | 'reset' | 'status' | 'list' | 'lookup' | 'joinRequests' | 'approve' | 'reject' | 'joinApproval'} Op
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
