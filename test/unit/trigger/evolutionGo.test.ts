/**
 * Evolution GO's group-event parsing. Fixtures follow EvolutionAPI/evolution-go@89eaae3
 * pkg/whatsmeow/service/whatsmeow.go:1797-1799,1838-1842 (envelope) and whatsmeow's events.GroupInfo
 * as encoding/json writes it (tulir/whatsmeow@33cfac5 types/events/events.go:488-523, group.go:896-898).
 */
import { evolutionGoEvents } from '../../../nodes/WhatsAppGroupInvite/providers/events/evolutionGo';
import type { IncomingWebhook } from '../../../nodes/WhatsAppGroupInvite/providers/events/types';

const req = (body: unknown): IncomingWebhook => ({ method: 'POST', headers: {}, query: {}, body: body as IncomingWebhook['body'], rawBody: Buffer.from(JSON.stringify(body)) });
const info = { JID: '120363019502650977@g.us', Notify: '', Sender: null, SenderPN: null, Timestamp: '2025-12-06T10:00:00Z', JoinReason: 'invite', Join: ['5511977776666@s.whatsapp.net'], Leave: null, Promote: null, Demote: null };

describe('evolutionGoEvents', () => {
	it('GroupInfo Join with JoinReason invite → invite_link, Leave → memberLeft, with whatsmeow\'s time', () => {
		expect(evolutionGoEvents.parse(req({ event: 'GroupInfo', data: info, instanceToken: 'T', instanceId: 'i', instanceName: 'n' }))).toEqual([
			{ event: 'memberJoined', groupId: '120363019502650977@g.us', participant: '5511977776666@s.whatsapp.net', phone: '5511977776666', joinedVia: 'invite_link', timestamp: '2025-12-06T10:00:00.000Z' },
		]);
		const left = evolutionGoEvents.parse(req({ event: 'GroupInfo', data: { ...info, JoinReason: '', Join: null, Leave: ['123456789012345@lid'], Sender: '123456789012345@lid' } }));
		expect(left).toEqual([{ event: 'memberLeft', groupId: '120363019502650977@g.us', participant: '123456789012345@lid', by: '123456789012345@lid', timestamp: '2025-12-06T10:00:00.000Z' }]);
	});

	it('other events → [], name changes → [], foreign bodies → undefined', () => {
		expect(evolutionGoEvents.parse(req({ event: 'Message', data: {} }))).toEqual([]);
		expect(evolutionGoEvents.parse(req({ event: 'GroupInfo', data: { ...info, Join: null, Name: { Name: 'x' } } }))).toEqual([]);
		expect(evolutionGoEvents.parse(req({ event: 'GroupInfo' }))).toBeUndefined();
	});

	it('verify compares the body\'s instanceToken with the credential\'s token', () => {
		expect(evolutionGoEvents.verify?.(req({ instanceToken: 'TOKEN' }), { credentials: { token: 'TOKEN' }, mode: 'manual' })).toBe(true);
		expect(evolutionGoEvents.verify?.(req({ instanceToken: 'OTHER' }), { credentials: { token: 'TOKEN' }, mode: 'manual' })).toBe(false);
		expect(evolutionGoEvents.verify?.(req({}), { credentials: { token: 'TOKEN' }, mode: 'manual' })).toBe(false);
		expect(evolutionGoEvents.setups).toEqual(['manual']);
	});
});
