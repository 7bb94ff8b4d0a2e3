/**
 * Z-API's group-event source: parse fixtures from Z-API/z-api-docs@7021b82
 * (i18n/en/docusaurus-plugin-content-docs/current/webhooks/on-message-received.md) and the replace
 * mode's take-over and restore against canned answers (test/support/fakeProviderClient.ts).
 */
import { zApiEvents } from '../../../nodes/WhatsAppGroupInvite/providers/events/zApi';
import type { HookTarget, IncomingWebhook } from '../../../nodes/WhatsAppGroupInvite/providers/events/types';
import { FakeClient, ok } from '../../support/fakeProviderClient';

const req = (body: unknown): IncomingWebhook => ({ method: 'POST', headers: {}, query: {}, body: body as IncomingWebhook['body'], rawBody: Buffer.from(JSON.stringify(body)) });
const target: HookTarget = { url: 'https://n8n.example.com/webhook/abc/webhook', secret: 'S3CRET', tokenUrl: 'https://n8n.example.com/webhook/abc/webhook?token=S3CRET', events: ['memberJoined'] };
const base = { isGroup: true, instanceId: 'A20DA9C0183A2D35A260F53F5D2B9244', phone: '5544999999999-group', connectedPhone: '5544999999999', fromMe: false, momment: 1682017970000, type: 'ReceivedCallback' };

describe('Z-API parse', () => {
	it('a join request via link (on-message-received.md:592-623) and one added by a participant (:662-692)', () => {
		const linked = { ...base, participantPhone: '5544999999999', notification: 'MEMBERSHIP_APPROVAL_REQUEST', notificationParameters: ['5544999999999'], requestMethod: 'invite_link' };
		// The docs' placeholder group `5544999999999-group` is no group id (too short): nothing is guessed.
		expect(zApiEvents.parse(req(linked))).toEqual([]);
		expect(zApiEvents.parse(req({ ...linked, phone: '120363019502650977-group' }))).toEqual([
			{ event: 'joinRequested', groupId: '120363019502650977@g.us', participant: '5544999999999@s.whatsapp.net', phone: '5544999999999', requestMethod: 'invite_link', timestamp: '2023-04-20T19:12:50.000Z' },
		]);
		const added = zApiEvents.parse(req({ ...base, phone: '120363019502650977-group', participantPhone: '5544999999999', notification: 'MEMBERSHIP_APPROVAL_REQUEST', notificationParameters: ['5544999999999', '5544888888888'], requestMethod: 'non_admin_add' }));
		expect(added?.map((e) => [e.event, e.groupId, e.participant, e.requestMethod, e.joinedVia])).toEqual([
			['joinRequested', '120363019502650977@g.us', '5544999999999@s.whatsapp.net', 'non_admin_add', undefined],
			['joinRequested', '120363019502650977@g.us', '5544888888888@s.whatsapp.net', 'non_admin_add', undefined],
		]);
	});

	it('GROUP_PARTICIPANT_ADD / LEAVE / REMOVE (:1928-1975): joinedVia unknown, `by` only for someone else', () => {
		const group = { ...base, phone: '120363019502650977-group' };
		expect(zApiEvents.parse(req({ ...group, participantPhone: '5511988887777', notification: 'GROUP_PARTICIPANT_ADD', notificationParameters: ['5511977776666'] }))).toEqual([
			{ event: 'memberJoined', groupId: '120363019502650977@g.us', participant: '5511977776666@s.whatsapp.net', phone: '5511977776666', joinedVia: 'unknown', by: '5511988887777@s.whatsapp.net', timestamp: '2023-04-20T19:12:50.000Z' },
		]);
		expect(zApiEvents.parse(req({ ...group, participantPhone: '5511977776666', notification: 'GROUP_PARTICIPANT_LEAVE', notificationParameters: ['5511977776666'] }))?.map((e) => [e.event, e.by])).toEqual([['memberLeft', undefined]]);
		expect(zApiEvents.parse(req({ ...group, participantPhone: '5511988887777', notification: 'GROUP_PARTICIPANT_REMOVE', notificationParameters: ['5511977776666'] }))?.map((e) => [e.event, e.by])).toEqual([['memberLeft', '5511988887777@s.whatsapp.net']]);
	});

	it('messages, other notifications and other callbacks give []; a body that is not Z-API\'s gives undefined', () => {
		expect(zApiEvents.parse(req({ ...base, phone: '5544999999999', isGroup: false, text: { message: 'hi' } }))).toEqual([]);
		expect(zApiEvents.parse(req({ ...base, notification: 'REVOKED_MEMBERSHIP_REQUESTS', notificationParameters: ['5544999999999'] }))).toEqual([]);
		expect(zApiEvents.parse(req({ ...base, notification: 'GROUP_MEMBER_LINK_PROPERTY_UPDATE', notificationParameters: [] }))).toEqual([]);
		expect(zApiEvents.parse(req({ phone: '554499999999', zaapId: 'A20DA', type: 'DeliveryCallback' }))).toEqual([]);
		expect(zApiEvents.parse(req({ hello: 'world' }))).toBeUndefined();
		expect(zApiEvents.parse(req([1, 2]))).toBeUndefined();
	});
});

describe('Z-API replace: take over, put back', () => {
	it('reads the URL before, sets its own, and puts the one before back exactly', async () => {
		const client = new FakeClient({}, ok({ receivedCallbackUrl: 'https://bot.example.com/in' }), ok({ value: true }));
		const state = await zApiEvents.register!(client, target, 'replace');
		expect(state).toEqual({ previousUrl: 'https://bot.example.com/in' });
		expect(client.requests.map((r) => [r.method, r.path, r.body, r.idempotent])).toEqual([
			['GET', '/me', undefined, true],
			['PUT', '/update-webhook-received', { value: target.tokenUrl }, false],
		]);
		const back = new FakeClient({}, ok({ receivedCallbackUrl: target.tokenUrl }), ok({ value: true }));
		await zApiEvents.unregister!(back, target, 'replace', state);
		expect(back.requests.map((r) => [r.method, r.path, r.body, r.idempotent])).toEqual([
			['GET', '/me', undefined, true],
			['PUT', '/update-webhook-received', { value: 'https://bot.example.com/in' }, false],
		]);
	});

	it('an empty URL before is put back empty; a URL the user changed meanwhile is left alone', async () => {
		const client = new FakeClient({}, ok({ receivedCallbackUrl: '' }), ok({ value: true }));
		const state = await zApiEvents.register!(client, target, 'replace');
		const back = new FakeClient({}, ok({ receivedCallbackUrl: target.tokenUrl }), ok({ value: true }));
		await zApiEvents.unregister!(back, target, 'replace', state);
		expect(back.requests[1].body).toEqual({ value: '' });
		const changed = new FakeClient({}, ok({ receivedCallbackUrl: 'https://bot.example.com/new' }));
		await zApiEvents.unregister!(changed, target, 'replace', state);
		expect(changed.requests).toHaveLength(1);
	});

	it('find is true only for its own URL; an http URL is refused before any call', async () => {
		expect(await zApiEvents.find!(new FakeClient({}, ok({ receivedCallbackUrl: target.tokenUrl })), target, 'replace', {})).toBe(true);
		expect(await zApiEvents.find!(new FakeClient({}, ok({ receivedCallbackUrl: 'https://bot.example.com/in' })), target, 'replace', {})).toBe(false);
		const http = new FakeClient({});
		const plain = { ...target, url: 'http://n8n.local/webhook/abc/webhook', tokenUrl: 'http://n8n.local/webhook/abc/webhook?token=S3CRET' };
		await expect(zApiEvents.register!(http, plain, 'replace')).rejects.toThrow(/only https.*WEBHOOK_URL/);
		expect(http.requests).toHaveLength(0);
	});
});
