/**
 * RyzeAPI's group-event source: the envelope (https://docs.ryzeapi.cloud/en/api/events/overview), the
 * modelled group.flow data (UNVERIFIED, see the source's header), whatsmeow's GroupInfo
 * (tulir/whatsmeow@33cfac5 types/events/events.go:487-525), the Authorization proof, and the labelled
 * registration against canned answers.
 */
import { ryzeApiEvents, ryzeLabel } from '../../../nodes/WhatsAppGroupInvite/providers/events/ryzeApi';
import type { HookTarget, IncomingWebhook } from '../../../nodes/WhatsAppGroupInvite/providers/events/types';
import { FakeClient, ok, status } from '../../support/fakeProviderClient';

const req = (body: unknown, headers: Record<string, string> = {}): IncomingWebhook => ({ method: 'POST', headers, query: {}, body: body as IncomingWebhook['body'], rawBody: Buffer.from(JSON.stringify(body)) });
const target: HookTarget = { url: 'https://n8n.example.com/webhook/abc/webhook', secret: 'S3CRET', tokenUrl: 'https://n8n.example.com/webhook/abc/webhook?token=S3CRET', events: ['memberJoined'] };
const instanceData = { baseUrl: 'https://ryzeapi.cloud', instance: 'acme', token: 'INSTANCE-TOKEN' };
const G = '120363019502650977@g.us';

describe('RyzeAPI parse', () => {
	it('group.flow (modelled): one event per participant, phone beside a LID, requestMethod for a request', () => {
		const joined = ryzeApiEvents.parse(req({ event: 'group.flow', data: { groupJid: G, action: 'joined', participants: [{ jid: '81896604192873@lid', phoneNumber: '5511966665555@s.whatsapp.net' }], timestamp: 1764979200 }, instanceData }));
		expect(joined).toEqual([{ event: 'memberJoined', groupId: G, participant: '81896604192873@lid', phone: '5511966665555', joinedVia: 'unknown', timestamp: '2025-12-06T00:00:00.000Z' }]);
		const request = ryzeApiEvents.parse(req({ event: 'group.flow', data: { groupJid: G, action: 'join_request', participants: ['5511955554444@s.whatsapp.net'], requestMethod: 'invite_link' }, instanceData }));
		expect(request?.map((e) => [e.event, e.participant, e.requestMethod])).toEqual([['joinRequested', '5511955554444@s.whatsapp.net', 'invite_link']]);
		expect(ryzeApiEvents.parse(req({ event: 'group.flow', data: { groupJid: G, action: 'promoted', participants: ['5511955554444@s.whatsapp.net'] }, instanceData }))).toEqual([]);
	});

	it('whatsmeow\'s GroupInfo: JoinReason "invite" is invite_link, Leave is memberLeft, Sender is `by`', () => {
		const events = ryzeApiEvents.parse(req({ event: 'group.flow', data: { JID: G, Sender: '5511988887777@s.whatsapp.net', Timestamp: '2025-12-06T00:00:00Z', Join: ['5511977776666@s.whatsapp.net'], JoinReason: 'invite', Leave: ['5511966665555@s.whatsapp.net'] }, instanceData }));
		expect(events?.map((e) => [e.event, e.participant, e.joinedVia, e.by, e.timestamp])).toEqual([
			['memberJoined', '5511977776666@s.whatsapp.net', 'invite_link', '5511988887777@s.whatsapp.net', '2025-12-06T00:00:00.000Z'],
			['memberLeft', '5511966665555@s.whatsapp.net', undefined, '5511988887777@s.whatsapp.net', '2025-12-06T00:00:00.000Z'],
		]);
	});

	it('other events give []; a body without the envelope gives undefined', () => {
		expect(ryzeApiEvents.parse(req({ event: 'message.exchange', data: {}, instanceData }))).toEqual([]);
		expect(ryzeApiEvents.parse(req({ groupJid: G }))).toBeUndefined();
	});
});

describe('RyzeAPI verify', () => {
	const keys = { credentials: {}, secret: 'S3CRET', mode: 'automatic' as const };
	it('takes the registered value bare or as Bearer, refuses anything else, checks nothing in manual mode', () => {
		expect(ryzeApiEvents.verify!(req({}, { authorization: 'S3CRET' }), keys)).toBe(true);
		expect(ryzeApiEvents.verify!(req({}, { authorization: 'Bearer S3CRET' }), keys)).toBe(true);
		expect(ryzeApiEvents.verify!(req({}, { authorization: 'Bearer S3CRE' }), keys)).toBe(false);
		expect(ryzeApiEvents.verify!(req({}), keys)).toBe(false);
		expect(ryzeApiEvents.verify!(req({}), { credentials: {}, mode: 'manual' })).toBeUndefined();
	});
});

describe('RyzeAPI registration', () => {
	const label = ryzeLabel(target.url);
	const credentials = { instanceName: 'acme' };
	it('upserts its own label with the secret as authorization; find needs it enabled, at its URL, with that authorization', async () => {
		const client = new FakeClient(credentials, ok({ webhooks: [{ label: 'crm', enabled: true, url: 'https://bot' }] }), ok({ success: true }));
		expect(await ryzeApiEvents.register!(client, target, 'automatic')).toEqual({ label });
		expect(client.requests.map((r) => [r.method, r.path, r.qs, r.body, r.idempotent])).toEqual([
			['GET', '/events/getWebhook/acme', undefined, undefined, true],
			['POST', '/events/webhook/acme', undefined, { label, enabled: true, url: target.url, events: ['group.flow'], authorization: 'S3CRET', byEvents: false, mediaBase64: false }, false],
		]);
		const hook = { label, enabled: true, url: target.url, authorization: 'S3CRET' };
		expect(await ryzeApiEvents.find!(new FakeClient(credentials, ok({ webhook: hook })), target, 'automatic', {})).toBe(true);
		expect(await ryzeApiEvents.find!(new FakeClient(credentials, ok({ webhook: { ...hook, enabled: false, url: '' } })), target, 'automatic', {})).toBe(false);
		expect(await ryzeApiEvents.find!(new FakeClient(credentials, ok({ webhook: { ...hook, authorization: 'OLD' } })), target, 'automatic', {})).toBe(false);
		expect(await ryzeApiEvents.find!(new FakeClient(credentials, status(404, { success: false })), target, 'automatic', {})).toBe(false);
	});

	it('refuses a 4th enabled webhook before writing; deactivation soft-disables only its own live row', async () => {
		const three = [1, 2, 3].map((n) => ({ label: `u${n}`, enabled: true, url: `https://u${n}` }));
		const full = new FakeClient(credentials, ok({ webhooks: [...three, { label: 'off', enabled: false }] }));
		await expect(ryzeApiEvents.register!(full, target, 'automatic')).rejects.toThrow(/at most 3 enabled webhooks.*"u1", "u2", "u3"/);
		expect(full.requests).toHaveLength(1);
		const off = new FakeClient(credentials, ok({ webhook: { label, enabled: true, url: target.url } }), ok({ success: true }));
		await ryzeApiEvents.unregister!(off, target, 'automatic', { label });
		expect(off.requests[1]).toMatchObject({ method: 'POST', path: '/events/webhook/acme', body: { label, enabled: false }, idempotent: false });
		const moved = new FakeClient(credentials, ok({ webhook: { label, enabled: true, url: 'https://elsewhere' } }));
		await ryzeApiEvents.unregister!(moved, target, 'automatic', { label });
		expect(moved.requests).toHaveLength(1);
	});
});
