/**
 * Meta WhatsApp Cloud API's group events read by the trigger's source
 * (nodes/WhatsAppGroupInvite/providers/events/metaCloudApi.ts): the verification GET, the
 * X-Hub-Signature-256 check and `group_participants_update`. Fixtures: Meta's envelope and `value.groups[]`
 * as in https://developers.facebook.com/documentation/business-messaging/whatsapp/groups/webhooks (the
 * group_lifecycle_update examples); the participants fields as that page names them and as
 * https://docs.ycloud.com/reference/whatsapp-group-participants-update-webhook-examples renders them
 * (`group_participants_add`, `reason: "invite_link"`, `added_participants[].wa_id`,
 * `group_join_request_created` with `wa_id`): UNVERIFIED against a verbatim Meta example.
 */
import { createHmac } from 'node:crypto';

import { metaCloudApiEvents } from '../../../nodes/WhatsAppGroupInvite/providers/events/metaCloudApi';
import type { IncomingWebhook } from '../../../nodes/WhatsAppGroupInvite/providers/events/types';

const GROUP = 'Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD';

function request(body: unknown, headers: Record<string, string> = {}, query: Record<string, string> = {}): IncomingWebhook {
	return { method: 'POST', headers, query, body: body as IncomingWebhook['body'], rawBody: Buffer.from(body === undefined ? '' : JSON.stringify(body)) };
}
const hook = (field: string, groups: unknown[]) => ({
	object: 'whatsapp_business_account',
	entry: [
		{
			id: '102290129340398',
			changes: [{ field, value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' }, groups } }],
		},
	],
});

describe('Meta: parse', () => {
	it('group_participants_add with reason invite_link → memberJoined via invite_link, one per added participant', () => {
		const body = hook('group_participants_update', [
			{ timestamp: '1764979200', group_id: GROUP, type: 'group_participants_add', reason: 'invite_link', added_participants: [{ wa_id: '16315551111' }, { wa_id: '16315552222' }] },
		]);
		expect(metaCloudApiEvents.parse(request(body))).toEqual([
			{ event: 'memberJoined', groupId: GROUP, participant: '16315551111@s.whatsapp.net', phone: '16315551111', joinedVia: 'invite_link', timestamp: '2025-12-06T00:00:00.000Z' },
			{ event: 'memberJoined', groupId: GROUP, participant: '16315552222@s.whatsapp.net', phone: '16315552222', joinedVia: 'invite_link', timestamp: '2025-12-06T00:00:00.000Z' },
		]);
	});

	it('a join from an approved request → request_approved; an unknown reason → unknown; a username-only user is left out', () => {
		const body = hook('group_participants_update', [
			{ timestamp: '1764979200', group_id: GROUP, type: 'group_participants_add', reason: 'join_request', added_participants: [{ wa_id: '16315551111' }] },
			{ timestamp: '1764979200', group_id: GROUP, type: 'group_participants_add', reason: 'something_new', added_participants: [{ wa_id: '16315552222' }, { wa_id: '', username: 'john_doe' }] },
		]);
		expect(metaCloudApiEvents.parse(request(body))?.map((e) => [e.participant, e.joinedVia])).toEqual([
			['16315551111@s.whatsapp.net', 'request_approved'],
			['16315552222@s.whatsapp.net', 'unknown'],
		]);
	});

	it('group_participants_remove → memberLeft for removed_participants (not failed_participants), by initiated_by', () => {
		const body = hook('group_participants_update', [
			{
				timestamp: '1764979200',
				group_id: GROUP,
				type: 'group_participants_remove',
				initiated_by: '15550783881',
				removed_participants: [{ wa_id: '16315551111' }],
				failed_participants: [{ wa_id: '16315559999', errors: [{ code: 131203 }] }],
			},
		]);
		expect(metaCloudApiEvents.parse(request(body))).toEqual([
			{ event: 'memberLeft', groupId: GROUP, participant: '16315551111@s.whatsapp.net', phone: '16315551111', by: '15550783881@s.whatsapp.net', timestamp: '2025-12-06T00:00:00.000Z' },
		]);
	});

	it('group_join_request_created → joinRequested; revoked → nothing', () => {
		const body = hook('group_participants_update', [
			{ timestamp: '1764979200', group_id: GROUP, type: 'group_join_request_created', join_request_id: 'JR1', wa_id: '16315551111' },
			{ timestamp: '1764979200', group_id: GROUP, type: 'group_join_request_revoked', join_request_id: 'JR2', wa_id: '16315552222' },
		]);
		expect(metaCloudApiEvents.parse(request(body))).toEqual([
			{ event: 'joinRequested', groupId: GROUP, participant: '16315551111@s.whatsapp.net', phone: '16315551111', timestamp: '2025-12-06T00:00:00.000Z' },
		]);
	});

	it('other fields (messages, group_lifecycle_update) → []; a body that is not Meta\'s envelope → undefined', () => {
		expect(metaCloudApiEvents.parse(request(hook('group_lifecycle_update', [{ timestamp: '1', group_id: GROUP, type: 'group_create' }])))).toEqual([]);
		expect(
			metaCloudApiEvents.parse(
				request({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages', value: { messages: [{ from: '16315551111', type: 'text' }] } }] }] }),
			),
		).toEqual([]);
		expect(metaCloudApiEvents.parse(request({ object: 'page', entry: [] }))).toBeUndefined();
		expect(metaCloudApiEvents.parse(request({ event: 'group.v2.participants', session: 'default' }))).toBeUndefined();
	});
});

describe('Meta: verify (X-Hub-Signature-256) and the verification GET', () => {
	const body = hook('group_participants_update', []);
	const raw = Buffer.from(JSON.stringify(body));
	const sign = (key: string) => `sha256=${createHmac('sha256', key).update(raw).digest('hex')}`;
	const keys = (appSecret: string) => ({ credentials: { appSecret }, mode: 'manual' as const });

	it('with an App Secret: true only for sha256=<HMAC of the raw body>', () => {
		expect(metaCloudApiEvents.verify?.(request(body, { 'x-hub-signature-256': sign('app-secret') }), keys('app-secret'))).toBe(true);
		expect(metaCloudApiEvents.verify?.(request(body, { 'x-hub-signature-256': sign('other') }), keys('app-secret'))).toBe(false);
		expect(metaCloudApiEvents.verify?.(request(body, { 'x-hub-signature-256': sign('app-secret').slice('sha256='.length) }), keys('app-secret'))).toBe(false);
		expect(metaCloudApiEvents.verify?.(request(body), keys('app-secret'))).toBe(false);
	});

	it('without an App Secret nothing can be checked (undefined)', () => {
		expect(metaCloudApiEvents.verify?.(request(body), keys(''))).toBeUndefined();
	});

	it('answers hub.challenge for the right verify token, 403 otherwise, and says so when the credential has none', () => {
		const get = (query: Record<string, string>) => ({ ...request(undefined, {}, query), method: 'GET' });
		const ok = get({ 'hub.mode': 'subscribe', 'hub.verify_token': 'vt-123', 'hub.challenge': '1158201444' });
		expect(metaCloudApiEvents.challenge?.(ok, { verifyToken: 'vt-123' })).toEqual({ status: 200, body: '1158201444' });
		expect(metaCloudApiEvents.challenge?.(ok, { verifyToken: 'vt-124' })?.status).toBe(403);
		expect(metaCloudApiEvents.challenge?.(get({ 'hub.mode': 'unsubscribe', 'hub.verify_token': 'vt-123', 'hub.challenge': '1' }), { verifyToken: 'vt-123' })?.status).toBe(403);
		const none = metaCloudApiEvents.challenge?.(ok, { verifyToken: '' });
		expect(none?.status).toBe(403);
		expect(none?.body).toMatch(/No Verify Token is set/);
		expect(none?.body).not.toContain('vt-123');
	});
});
