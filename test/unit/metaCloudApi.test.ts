/**
 * The Meta WhatsApp Cloud API adapter with the shared fake client (test/support/fakeProviderClient.ts):
 * the traps of issue 11 (opaque group IDs, the reset body, never DELETE, both list shapes, cursor
 * paging, throttling told by error.code, 100/33, the token and permission codes, fbtrace_id).
 * Sources are cited in providers/metaCloudApi.ts.
 */
import * as fs from 'fs';
import * as path from 'path';

import type { GroupRef } from '../../nodes/WhatsAppGroupInvite/whatsapp/groupId';
import { parseGroupId } from '../../nodes/WhatsAppGroupInvite/whatsapp/groupId';
import { getProvider } from '../../nodes/WhatsAppGroupInvite/providers';
import {
	DEFAULT_GRAPH_VERSION,
	graphVersion,
	metaCloudApi,
} from '../../nodes/WhatsAppGroupInvite/providers/metaCloudApi';
import type { ProviderResponse } from '../../nodes/WhatsAppGroupInvite/providers/types';
import { CODE, FakeClient, invalid, LINK, NEW_CODE, NEW_LINK, ok } from '../support/fakeProviderClient';

const GROUP_ID = 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD';
const OTHER_ID = 'Y2FwaV9ncm91cDoxNTU1MDc4Mzg4MToxMjAzNjMwMTk1MDI2NTA5NzcZD';
const PHONE_NUMBER_ID = '106540352242922';

const credentials = { accessToken: 'EAAG-TOKEN-1234567890', phoneNumberId: PHONE_NUMBER_ID, graphVersion: 'v26.0' };
const client = (...answers: ProviderResponse[]) => new FakeClient(credentials, ...answers);
const group = (input: string): GroupRef => parseGroupId(input, metaCloudApi.groupIdRules, metaCloudApi.name);

/** The Graph error envelope. */
function graph(code: number, message: string, extra: Record<string, unknown> = {}) {
	return { error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEfGh123', ...extra } };
}

describe('Meta WhatsApp Cloud API adapter: identity and credentials', () => {
	it('describes itself: its own credential type (groupInvite prefix), opaque group IDs, no invite lookup, no roles', () => {
		expect(metaCloudApi).toMatchObject({
			id: 'metaCloudApi',
			name: 'Meta WhatsApp Cloud API',
			credentialType: 'groupInviteMetaWhatsAppApi',
		});
		expect(metaCloudApi.groupIdRules).toEqual({ acceptsInvite: false, idForm: 'meta' });
		expect(metaCloudApi.resolveInvite).toBeUndefined();
		expect(metaCloudApi.listReportsAdmin).toBeFalsy();
		expect(metaCloudApi.requestsPerMinute).toBeUndefined();
		expect(getProvider('metaCloudApi')).toBe(metaCloudApi);
	});

	it.each([
		[undefined, 'v26.0'],
		['', 'v26.0'],
		['   ', 'v26.0'],
		['v26.0', 'v26.0'],
		[' v25.0 ', 'v25.0'],
		['26.0', 'v26.0'],
		['v24', 'v24.0'],
		['23', 'v23.0'],
		['V27.0', 'v27.0'],
	])('reads the Graph API Version %j as %s', (value, version) => {
		expect(graphVersion(value)).toBe(version);
		expect(metaCloudApi.apiRoot({ ...credentials, graphVersion: value ?? '' }, 'https://graph.facebook.com')).toBe(
			`https://graph.facebook.com/${version}`,
		);
	});

	it('defaults to the current Graph version, v26.0', () => {
		expect(DEFAULT_GRAPH_VERSION).toBe('v26.0');
	});

	it.each([
		['latest', /is not a version: use e\.g\. v26\.0/],
		['v26.0/', /is not a version/],
		['26.0.1', /is not a version/],
		['v22.0', /v22\.0 .* is older than the Groups API \(v23\.0\)/],
		['v2.12', /older than the Groups API/],
		['13', /older than the Groups API/],
	])('refuses the Graph API Version %j before any request', (value, message) => {
		expect(() => graphVersion(value)).toThrow(message);
		expect(() => metaCloudApi.apiRoot({ ...credentials, graphVersion: value }, 'https://graph.facebook.com')).toThrow(message);
	});

	it('lists the access token as the secret (the Phone Number ID is an identifier)', () => {
		expect(metaCloudApi.secrets(credentials)).toEqual(['EAAG-TOKEN-1234567890']);
	});

	it('never calls DELETE (it removes the link; what a Get answers after it is not documented)', () => {
		const source = fs.readFileSync(path.join(__dirname, '../../nodes/WhatsAppGroupInvite/providers/metaCloudApi.ts'), 'utf8');
		expect(source).not.toMatch(/method:\s*'DELETE'/);
	});
});

describe('Meta WhatsApp Cloud API adapter: errors (Graph envelope, branch on error.code)', () => {
	it.each([
		[graph(100, 'Invalid parameter', { error_data: { messaging_product: 'whatsapp', details: 'Group id is not valid' } }), 'Invalid parameter (Group id is not valid)'],
		[graph(131215, '(#131215) Groups API not available', { error_data: { details: 'Groups API not available' } }), '(#131215) Groups API not available'],
		[graph(190, 'Invalid OAuth access token - Cannot parse access token'), 'Invalid OAuth access token - Cannot parse access token'],
		[{ error: { code: 131000, error_data: { details: 'Something went wrong' } } }, 'Something went wrong'],
		[{ error: { code: 1, error_user_msg: 'Try again later' } }, 'Try again later'],
		[{ message: 'top level' }, 'top level'],
		[{ error: 'plain text' }, 'plain text'],
		[{ messaging_product: 'whatsapp' }, undefined],
		['Bad Gateway', undefined],
		[undefined, undefined],
	])('errorMessage(%j) is %j', (body, message) => {
		expect(metaCloudApi.errorMessage(body)).toBe(message);
	});

	it.each([4, 17, 341, 80007, 130429, 131048, 131056, 131208])(
		'code %i is a rate limit at HTTP 400 and 429 alike (the status is not what tells it)',
		(code) => {
			expect(metaCloudApi.isRateLimited?.(400, graph(code, 'limited'))).toBe(true);
			expect(metaCloudApi.isRateLimited?.(429, graph(code, 'limited'))).toBe(true);
			expect(metaCloudApi.isRateLimited?.(400, graph(String(code) as unknown as number, 'limited'))).toBe(true);
			expect(metaCloudApi.errorHint?.(400, 'limited', graph(code, 'limited'))).toMatch(/Meta is limiting requests .*retried/);
		},
	);

	it.each([100, 190, 10, 200, 131041, 131207, 131215, 131059, 131000])('code %i is not a rate limit', (code) => {
		expect(metaCloudApi.isRateLimited?.(400, graph(code, 'x'))).toBe(false);
	});

	it('a body without an error code is not a rate limit, whatever the status', () => {
		expect(metaCloudApi.isRateLimited?.(429, { error: { message: 'x' } })).toBe(false);
		expect(metaCloudApi.isRateLimited?.(400, undefined)).toBe(false);
		expect(metaCloudApi.isRateLimited?.(400, '<html>')).toBe(false);
	});

	it('131208 (Groups rate limit) says it is about group operations from this number', () => {
		expect(metaCloudApi.errorHint?.(429, 'x', graph(131208, 'x'))).toContain('too many group operations from this phone number');
	});

	it('keeps fbtrace_id, the code, the subcode and the type for the error details', () => {
		expect(metaCloudApi.errorDetails?.(graph(100, 'x', { type: 'GraphMethodException', error_subcode: 33 }))).toEqual({
			fbtrace_id: 'AbCdEfGh123',
			metaErrorCode: 100,
			metaErrorSubcode: 33,
			metaErrorType: 'GraphMethodException',
		});
		expect(metaCloudApi.errorDetails?.({ message: 'x' })).toEqual({});
		expect(metaCloudApi.errorDetails?.(undefined)).toEqual({});
	});

	it('100 with subcode 33 says both: no such ID, or no permission on it', () => {
		const hint = metaCloudApi.errorHint?.(400, 'Unsupported get request.', graph(100, 'Unsupported get request.', { error_subcode: 33 }));
		expect(hint).toContain('the ID does not exist');
		expect(hint).toContain('may not access it');
		expect(hint).toContain('Group ID');
		expect(hint).toContain('Phone Number ID');
	});

	it.each([
		[463, 'has expired'],
		[467, 'is invalid'],
		[undefined, 'is expired, invalid or revoked'],
	])('190 (subcode %p) says the token %s, names the Access Token field and both permissions', (subcode, what) => {
		const hint = metaCloudApi.errorHint?.(401, 'x', graph(190, 'x', subcode === undefined ? {} : { error_subcode: subcode }));
		expect(hint).toContain(`The access token ${what}`);
		expect(hint).toContain('Access Token in the Meta WhatsApp Cloud API credential');
		expect(hint).toContain('whatsapp_business_management');
		expect(hint).toContain('whatsapp_business_messaging');
	});

	it('a 401 without a Graph code still points at the token', () => {
		expect(metaCloudApi.errorHint?.(401, undefined, undefined)).toContain('Access Token');
	});

	it.each([10, 200, 250, 299, 3])('%i (permissions) names whatsapp_business_management and whatsapp_business_messaging', (code) => {
		const hint = metaCloudApi.errorHint?.(403, 'x', graph(code, 'x'));
		expect(hint).toContain('lacks a permission');
		expect(hint).toContain('whatsapp_business_management');
		expect(hint).toContain('whatsapp_business_messaging');
	});

	it.each([
		[131041, /no such group for this business number/],
		[131207, /suspended this group/],
		[131215, /Official Business Account \(OBA\).*coexistence/],
		[131059, /paging cursor/],
		[368, /restricted or locked/],
		[100, /refused a parameter/],
	])('Groups code %i gets its own hint', (code, hint) => {
		expect(metaCloudApi.errorHint?.(400, 'x', graph(code, 'x'))).toMatch(hint);
	});

	it('any other code, or no body, keeps the default hint', () => {
		expect(metaCloudApi.errorHint?.(500, 'x', graph(131000, 'x'))).toBeUndefined();
		expect(metaCloudApi.errorHint?.(404, undefined, undefined)).toBeUndefined();
	});
});

describe('Meta WhatsApp Cloud API adapter: get and reset', () => {
	it('Get is GET /{group_id}/invite_link with Meta’s ID as given, and reads invite_link', async () => {
		const fake = client(ok({ messaging_product: 'whatsapp', invite_link: LINK }));
		const result = await metaCloudApi.getInviteLink(fake, group(` ${GROUP_ID} `));
		expect(result).toEqual({ inviteCode: CODE, inviteLink: LINK });
		expect(fake.requests).toEqual([{ method: 'GET', path: `/${GROUP_ID}/invite_link`, idempotent: true, action: 'get the invite link' }]);
	});

	it('percent-encodes an ID with characters of the base64 alphabets', async () => {
		const odd = `${'Ab1+/='.repeat(7)}xyz`;
		const fake = client(ok({ invite_link: LINK }));
		await metaCloudApi.getInviteLink(fake, group(odd));
		expect(fake.requests[0].path).toBe(`/${encodeURIComponent(odd)}/invite_link`);
	});

	it('Reset is a POST to the same path with {"messaging_product": "whatsapp"}, not idempotent, sent once', async () => {
		const fake = client(ok({ messaging_product: 'whatsapp', invite_link: NEW_LINK }));
		const result = await metaCloudApi.resetInviteLink(fake, group(OTHER_ID));
		expect(result).toEqual({ inviteCode: NEW_CODE, inviteLink: NEW_LINK });
		expect(fake.requests).toEqual([
			{
				method: 'POST',
				path: `/${OTHER_ID}/invite_link`,
				body: { messaging_product: 'whatsapp' },
				idempotent: false,
				action: 'reset the invite link',
			},
		]);
	});

	it.each([
		['no invite_link', { messaging_product: 'whatsapp' }],
		["DELETE's answer", { messaging_product: 'whatsapp', success: 'true' }],
		['an empty link', { invite_link: '' }],
		['the bare prefix', { invite_link: 'https://chat.whatsapp.com/' }],
		['another host', { invite_link: `https://example.com/${CODE}` }],
		['a word', { invite_link: 'invalid_session' }],
		['the mangled doc example', { messaging_product: '"whatsapp"', invite_link: '"https:\\/\\/chat.whatsapp.com\\/LINK_ID"' }],
		['an empty body', undefined],
	])('%s is not a link (Get and Reset)', async (_name, body) => {
		const get = await invalid(metaCloudApi.getInviteLink(client(ok(body)), group(GROUP_ID)));
		expect(get.problem).toBe('did not include an invite link');
		const fake = client(ok(body));
		const reset = await invalid(metaCloudApi.resetInviteLink(fake, group(GROUP_ID)));
		expect(reset.problem).toBe('did not include an invite link');
		// A reset is never followed by another request (no Get, no second POST).
		expect(fake.requests).toHaveLength(1);
	});
});

describe('Meta WhatsApp Cloud API adapter: list groups', () => {
	const paging = (after: string, next: boolean) => ({
		cursors: { before: 'QkVGT1JF', after },
		...(next ? { next: `https://graph.facebook.com/v26.0/${PHONE_NUMBER_ID}/groups?access_token=EAAG-TOKEN-1234567890&limit=1024&after=${after}` } : {}),
	});

	it("reads Meta's documented shape {data: {groups: [{id, subject, created_at}]}}; GET /{phone_number_id}/groups?limit=1024", async () => {
		const fake = client(
			ok({
				data: {
					groups: [
						{ id: GROUP_ID, subject: 'Acme Support', created_at: '1755548877' },
						{ id: OTHER_ID, subject: 'Acme Sales', created_at: '1755548878' },
					],
				},
				paging: paging('QUZURVI', true),
			}),
		);
		const page = await metaCloudApi.listGroups!(fake, { pageSize: 100, roles: true });
		expect(page).toEqual({
			groups: [
				{ groupId: GROUP_ID, name: 'Acme Support' },
				{ groupId: OTHER_ID, name: 'Acme Sales' },
			],
			next: 'QUZURVI',
		});
		expect(fake.requests).toEqual([
			{ method: 'GET', path: `/${PHONE_NUMBER_ID}/groups`, qs: { limit: 1024 }, idempotent: true, action: 'list the groups' },
		]);
	});

	it('reads the shape pywa and Gupshup expect, {data: [{id, subject, creation_timestamp}]}, and sends the cursor as after', async () => {
		const fake = client(ok({ data: [{ id: GROUP_ID, subject: 'Acme Support', creation_timestamp: 1755548877 }], paging: paging('TkVYVA', false) }));
		const page = await metaCloudApi.listGroups!(fake, { cursor: 'QUZURVI', pageSize: 100, roles: false });
		expect(page).toEqual({ groups: [{ groupId: GROUP_ID, name: 'Acme Support' }] });
		expect(fake.requests[0].qs).toEqual({ limit: 1024, after: 'QUZURVI' });
	});

	it.each([
		['no paging.next', { data: { groups: [{ id: GROUP_ID }] }, paging: paging('QUZURVI', false) }],
		['no paging at all', { data: { groups: [{ id: GROUP_ID }] } }],
		['next without an after cursor', { data: { groups: [{ id: GROUP_ID }] }, paging: { next: 'https://graph.facebook.com/x' } }],
		['an empty page with a next', { data: { groups: [] }, paging: paging('QUZURVI', true) }],
		['an empty array page', { data: [], paging: paging('QUZURVI', true) }],
	])('stops at %s', async (_name, body) => {
		const page = await metaCloudApi.listGroups!(client(ok(body)), { pageSize: 100, roles: false });
		expect(page.next).toBeUndefined();
	});

	it('lists only entries with a Meta group ID: no JIDs, no entries without an id; no count, no isAdmin', async () => {
		const page = await metaCloudApi.listGroups!(
			client(
				ok({
					data: {
						groups: [
							{ id: GROUP_ID, subject: '  Padded  ' },
							{ id: '120363019502650977@g.us', subject: 'A JID' },
							{ subject: 'No id' },
							{ id: OTHER_ID },
							{ id: 42, subject: 'A number' },
						],
					},
				}),
			),
			{ pageSize: 100, roles: true },
		);
		expect(page.groups).toEqual([{ groupId: GROUP_ID, name: 'Padded' }, { groupId: OTHER_ID }]);
	});

	it.each([
		['no data', { paging: {} }],
		['data is text', { data: 'groups' }],
		['data without groups', { data: { items: [] } }],
		['an HTML page', '<html></html>'],
	])('fails on %s: not the list of groups', async (_name, body) => {
		const error = await invalid(metaCloudApi.listGroups!(client(ok(body)), { pageSize: 100, roles: false }));
		expect(error.problem).toBe('did not include the list of groups');
	});

	it('trims and URL-encodes the Phone Number ID; an empty one fails before any request', async () => {
		const fake = new FakeClient({ ...credentials, phoneNumberId: ' 1065 40/35 ' }, ok({ data: [] }));
		await metaCloudApi.listGroups!(fake, { pageSize: 100, roles: false });
		expect(fake.requests[0].path).toBe('/1065%2040%2F35/groups');
		const empty = new FakeClient({ ...credentials, phoneNumberId: '  ' });
		await expect(metaCloudApi.listGroups!(empty, { pageSize: 100, roles: false })).rejects.toThrow(/Phone Number ID .* is empty/);
		expect(empty.requests).toHaveLength(0);
	});
});
