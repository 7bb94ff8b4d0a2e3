/**
 * uazapi's group-event source: the `groups` payload as a third-party uazapi guide shows it (UNVERIFIED,
 * see the source's header) and the advanced-mode registration (euventura/uazapi-sdk@046bcd5
 * docs/uazapi-openapi-spec.yaml:7490-7880) against canned answers.
 */
import { uazapiEvents } from '../../../nodes/WhatsAppGroupInvite/providers/events/uazapi';
import type { HookTarget, IncomingWebhook } from '../../../nodes/WhatsAppGroupInvite/providers/events/types';
import { FakeClient, ok } from '../../support/fakeProviderClient';

const req = (body: unknown): IncomingWebhook => ({ method: 'POST', headers: {}, query: {}, body: body as IncomingWebhook['body'], rawBody: Buffer.from(JSON.stringify(body)) });
const target: HookTarget = { url: 'https://n8n.example.com/webhook/abc/webhook', secret: 'S3CRET', tokenUrl: 'https://n8n.example.com/webhook/abc/webhook?token=S3CRET', events: ['memberJoined'] };
const G = '120363019502650977@g.us';
const groups = (participantAction: string, participants: unknown[]) => ({ EventType: 'groups', token: 'INSTANCE-TOKEN', action: 'participants', group: { JID: G, Name: 'Meu Grupo' }, participants, participantAction });

describe('uazapi parse', () => {
	it('add / remove / request, one item per participant; {JID, PhoneNumber} objects keep the phone', () => {
		expect(uazapiEvents.parse(req(groups('add', ['5511977776666@s.whatsapp.net', { JID: '81896604192873@lid', PhoneNumber: '5511966665555@s.whatsapp.net' }])))?.map((e) => [e.event, e.groupId, e.participant, e.phone, e.joinedVia])).toEqual([
			['memberJoined', G, '5511977776666@s.whatsapp.net', '5511977776666', 'unknown'],
			['memberJoined', G, '81896604192873@lid', '5511966665555', 'unknown'],
		]);
		expect(uazapiEvents.parse(req(groups('remove', ['5511977776666@s.whatsapp.net'])))?.map((e) => e.event)).toEqual(['memberLeft']);
		expect(uazapiEvents.parse(req({ ...groups('request', ['5511977776666@s.whatsapp.net']), requestMethod: 'invite_link' }))?.map((e) => [e.event, e.requestMethod])).toEqual([['joinRequested', 'invite_link']]);
	});

	it('promote, other group actions and other events give []; a body without EventType gives undefined', () => {
		expect(uazapiEvents.parse(req(groups('promote', ['5511977776666@s.whatsapp.net'])))).toEqual([]);
		expect(uazapiEvents.parse(req({ EventType: 'groups', action: 'update', group: { JID: G } }))).toEqual([]);
		expect(uazapiEvents.parse(req({ EventType: 'messages', token: 't', chatid: '5511977776666@s.whatsapp.net' }))).toEqual([]);
		expect(uazapiEvents.parse(req({ event: 'message' }))).toBeUndefined();
	});
});

describe('uazapi registration', () => {
	const mine = { id: 'w2', enabled: true, url: target.tokenUrl, events: ['groups'] };
	const user = { id: 'w1', enabled: true, url: 'https://bot', events: ['messages'] };
	it('adds in advanced mode, finds by its URL, deletes only its own by id', async () => {
		const add = new FakeClient({}, ok([user]), ok([user, mine]));
		await uazapiEvents.register!(add, target, 'automatic');
		expect(add.requests.map((r) => [r.method, r.path, r.body, r.idempotent])).toEqual([
			['GET', '/webhook', undefined, true],
			['POST', '/webhook', { action: 'add', url: target.tokenUrl, enabled: true, events: ['groups'], excludeMessages: [], addUrlEvents: false, addUrlTypesMessages: false }, false],
		]);
		expect(await uazapiEvents.find!(new FakeClient({}, ok([user, mine])), target, 'automatic', {})).toBe(true);
		expect(await uazapiEvents.find!(new FakeClient({}, ok([user, { ...mine, enabled: false }])), target, 'automatic', {})).toBe(false);
		const del = new FakeClient({}, ok([user, mine]), ok([user]));
		await uazapiEvents.unregister!(del, target, 'automatic', {});
		expect(del.requests[1]).toMatchObject({ method: 'POST', path: '/webhook', body: { action: 'delete', id: 'w2' }, idempotent: false });
		const none = new FakeClient({}, ok([user]));
		await uazapiEvents.unregister!(none, target, 'automatic', {});
		expect(none.requests).toHaveLength(1);
	});

	it('a disabled one of its own is updated back on, not added again', async () => {
		const client = new FakeClient({}, ok([user, { ...mine, enabled: false }]), ok([user, mine]));
		await uazapiEvents.register!(client, target, 'automatic');
		expect(client.requests[1].body).toMatchObject({ action: 'update', id: 'w2', enabled: true });
	});
});
