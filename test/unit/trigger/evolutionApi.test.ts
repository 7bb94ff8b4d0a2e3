/**
 * Evolution API's group-event parsing. Fixtures follow EvolutionAPI/evolution-api@3454bec
 * webhook.controller.ts:92-101 (envelope) and whatsapp.baileys.service.ts:1594-1656 (data), with
 * Baileys v7.0.0-rc.6 participants (src/Socket/messages-recv.ts:604-631) and the older string form
 * with participantsData.
 */
import { evolutionApiEvents } from '../../../nodes/WhatsAppGroupInvite/providers/events/evolutionApi';
import type { IncomingWebhook } from '../../../nodes/WhatsAppGroupInvite/providers/events/types';

const req = (body: unknown, headers: Record<string, string> = {}): IncomingWebhook => ({ method: 'POST', headers, query: {}, body: body as IncomingWebhook['body'], rawBody: Buffer.from(JSON.stringify(body)) });
const envelope = { instance: 'acme', destination: 'https://n8n/webhook/x', date_time: '2025-12-06T10:00:00.000Z', sender: '5511999999999@s.whatsapp.net', server_url: 'http://evo', apikey: 'INSTANCE-TOKEN' };

describe('evolutionApiEvents.parse', () => {
	it('reads rc.6 participant objects (LID with phone) and removes apikey from the body', () => {
		const body: Record<string, unknown> = { event: 'group-participants.update', ...envelope, data: { id: '120363019502650977@g.us', author: '99887766554433@lid', participants: [{ id: '123456789012345@lid', phoneNumber: '5511966665555@s.whatsapp.net', admin: null }], action: 'add' } };
		expect(evolutionApiEvents.parse(req(body))).toEqual([
			{ event: 'memberJoined', groupId: '120363019502650977@g.us', participant: '123456789012345@lid', phone: '5511966665555', joinedVia: 'unknown', by: '99887766554433@lid', timestamp: expect.any(String) },
		]);
		expect(body.apikey).toBeUndefined();
	});

	it('reads JID strings with participantsData, ignoring the LID-digits fallback as a phone', () => {
		const data = { id: '120363019502650977@g.us', author: '5511999999999@s.whatsapp.net', action: 'remove', participants: ['5511977776666@s.whatsapp.net', '123456789012345@lid'], participantsData: [{ jid: '123456789012345@lid', phoneNumber: '123456789012345' }] };
		expect(evolutionApiEvents.parse(req({ event: 'group-participants.update', ...envelope, data }))?.map((e) => [e.event, e.participant, e.phone])).toEqual([
			['memberLeft', '5511977776666@s.whatsapp.net', '5511977776666'],
			['memberLeft', '123456789012345@lid', undefined],
		]);
	});

	it('promote, other events → []; a body that is not Evolution\'s → undefined', () => {
		expect(evolutionApiEvents.parse(req({ event: 'group-participants.update', ...envelope, data: { id: '120363019502650977@g.us', participants: ['5511977776666@s.whatsapp.net'], action: 'promote' } }))).toEqual([]);
		expect(evolutionApiEvents.parse(req({ event: 'messages.upsert', ...envelope, data: {} }))).toEqual([]);
		expect(evolutionApiEvents.parse(req({ hello: 'world' }))).toBeUndefined();
	});

	it('verify checks the registered header only outside manual mode', () => {
		const r = req({}, { 'x-wgi-token': 's3cret' });
		expect(evolutionApiEvents.verify?.(r, { credentials: {}, secret: 's3cret', mode: 'replace' })).toBe(true);
		expect(evolutionApiEvents.verify?.(r, { credentials: {}, secret: 'other', mode: 'replace' })).toBe(false);
		expect(evolutionApiEvents.verify?.(r, { credentials: {}, mode: 'manual' })).toBeUndefined();
	});
});
