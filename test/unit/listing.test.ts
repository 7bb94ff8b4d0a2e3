/**
 * Reading group lists: the shared helpers (providers/listing.ts, canonicalGroupJid) on the shapes the
 * vendors' source shows, including the ones their docs leave out.
 */
import { canonicalGroupJid } from '../../nodes/WhatsAppGroupInvite/whatsapp/groupId';
import { adminIn, engineGroup, entriesOf, participantCountOf, summary, userPart } from '../../nodes/WhatsAppGroupInvite/providers/listing';

describe('canonicalGroupJid', () => {
	it.each([
		['120363019502650977@g.us', '120363019502650977@g.us'],
		['120363019502650977-group', '120363019502650977@g.us'],
		['120363019502650977', '120363019502650977@g.us'],
		['5511999999999-1623281429', '5511999999999-1623281429@g.us'],
		[{ _serialized: '120363019502650977@g.us', user: '120363019502650977', server: 'g.us' }, '120363019502650977@g.us'],
		[{ user: '120363019502650977', server: 'g.us' }, '120363019502650977@g.us'],
	])('reads %j as %s', (value, jid) => {
		expect(canonicalGroupJid(value)).toBe(jid);
	});

	it.each([
		['a phone number', '5511999999999'],
		['a contact', '5511999999999@s.whatsapp.net'],
		['a LID', '123456789012345@lid'],
		['a newsletter', '120363999999999999@newsletter'],
		['a contact id object', { user: '5511999999999', server: 'c.us' }],
		['nothing', undefined],
		['a number', 120363019502650977],
	])('leaves out %s', (_name, value) => {
		expect(canonicalGroupJid(value)).toBeUndefined();
	});
});

describe('userPart', () => {
	it.each([
		['5511999999999@s.whatsapp.net', '5511999999999'],
		['5511999999999:12@s.whatsapp.net', '5511999999999'],
		['5511999999999@c.us', '5511999999999'],
		['+5511999999999', '5511999999999'],
		['123456789012345@lid', '123456789012345@lid'],
		[{ _serialized: '5511999999999@c.us' }, '5511999999999'],
		['120363019502650977@g.us', undefined],
		['', undefined],
	])('%j → %j', (value, part) => {
		expect(userPart(value)).toBe(part);
	});
});

describe('adminIn', () => {
	const me = '5511999999999@s.whatsapp.net';
	it.each([
		['NOWEB admin', [{ id: me, admin: 'admin' }], true],
		['NOWEB superadmin', [{ id: me, admin: 'superadmin' }], true],
		['NOWEB member', [{ id: me, admin: null }], false],
		['Whapi rank creator (digits ids)', [{ id: '5511999999999', rank: 'creator' }], true],
		['Whapi rank member', [{ id: '5511999999999', rank: 'member' }], false],
		['WEBJS isAdmin', [{ id: { _serialized: '5511999999999@c.us' }, isAdmin: true, isSuperAdmin: false }], true],
		['GOWS IsSuperAdmin by PhoneNumber (JID is a LID)', [{ JID: '9@lid', PhoneNumber: me, IsAdmin: false, IsSuperAdmin: true }], true],
		['Evolution LID group: phoneNumber', [{ id: '123@lid', phoneNumber: me, admin: 'admin' }], true],
		['string booleans', [{ phone: '5511999999999', isAdmin: 'true' }], true],
	])('%s', (_name, participants, expected) => {
		expect(adminIn(participants, me)).toBe(expected);
	});

	it('is unknown when it cannot be told: no list, no me, me not in the list, only a LID that does not match', () => {
		expect(adminIn(undefined, me)).toBeUndefined();
		expect(adminIn([{ id: me, admin: 'admin' }])).toBeUndefined();
		expect(adminIn([{ id: me, admin: 'admin' }], undefined, null)).toBeUndefined();
		expect(adminIn([{ id: '5511888888888@s.whatsapp.net', admin: 'admin' }], me)).toBeUndefined();
		expect(adminIn([{ id: '777@lid', admin: 'admin' }], me)).toBeUndefined();
	});

	it('matches the session by its LID too', () => {
		expect(adminIn([{ id: '123456789012345@lid', admin: 'admin' }], me, '123456789012345@lid')).toBe(true);
	});
});

describe('engineGroup (WAHA engines and gateways built on them)', () => {
	const me = ['5511999999999@c.us'];
	it('NOWEB', () => {
		const entry = { id: '120363019502650977@g.us', subject: 'Sales', size: 12, participants: [{ id: '5511999999999@s.whatsapp.net', admin: 'admin' }] };
		expect(summary(engineGroup(entry, me))).toEqual({ groupId: '120363019502650977@g.us', name: 'Sales', participantCount: 12, isAdmin: true });
	});

	it('WEBJS chat with groupMetadata', () => {
		const id = { server: 'g.us', user: '120363019502650977', _serialized: '120363019502650977@g.us' };
		const entry = { id, name: 'Sales (chat name)', groupMetadata: { id, subject: 'Sales', size: 5, participants: [{ id: { _serialized: '5511999999999@c.us' }, isAdmin: false, isSuperAdmin: false }] } };
		expect(summary(engineGroup(entry, me))).toEqual({ groupId: '120363019502650977@g.us', name: 'Sales', participantCount: 5, isAdmin: false });
	});

	it('GOWS (whatsmeow GroupInfo, PascalCase)', () => {
		const entry = { JID: '120363019502650977@g.us', Name: 'Sales', Participants: [{ JID: '1@lid', PhoneNumber: '5511999999999@s.whatsapp.net', IsAdmin: true }, { JID: '2@lid' }] };
		expect(summary(engineGroup(entry, me))).toEqual({ groupId: '120363019502650977@g.us', name: 'Sales', participantCount: 2, isAdmin: true });
	});

	it('without roles asked, isAdmin stays absent; a non-group entry is left out', () => {
		// An empty participant list (participants left out by the server) says nothing of the size.
		expect(summary(engineGroup({ id: '120363019502650977@g.us', subject: 'Sales', participants: [] }))).toEqual({
			groupId: '120363019502650977@g.us',
			name: 'Sales',
		});
		expect(summary(engineGroup({ id: '5511999999999@c.us', name: 'A person' }))).toBeUndefined();
	});
});

describe('participantCountOf', () => {
	it("takes the first size above 0, else the participant list's length; a 0 is not a count", () => {
		expect(participantCountOf([1, 2, 3], 12)).toBe(12);
		// whatsmeow (Go) sends ParticipantCount 0 when WhatsApp gave no size.
		expect(participantCountOf([1, 2, 3], 0)).toBe(3);
		expect(participantCountOf(undefined, undefined, 7)).toBe(7);
		expect(participantCountOf([], 0)).toBeUndefined();
		expect(participantCountOf(undefined)).toBeUndefined();
	});
});

describe('summary', () => {
	it('keeps only what the vendor gave, and a code only when it is an invite code', () => {
		expect(summary({ id: '120363019502650977@g.us', name: '  ', participantCount: '7', invite: 'not_a_code' })).toEqual({
			groupId: '120363019502650977@g.us',
			participantCount: 7,
		});
		expect(summary({ id: '120363019502650977@g.us', invite: 'https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv' })).toEqual({
			groupId: '120363019502650977@g.us',
			inviteCode: 'AbCdEfGhIjKlMnOpQrStUv',
			inviteLink: 'https://chat.whatsapp.com/AbCdEfGhIjKlMnOpQrStUv',
		});
		expect(summary({ id: '120363019502650977@g.us', participantCount: -1 })).toEqual({ groupId: '120363019502650977@g.us' });
	});
});

describe('entriesOf', () => {
	it('takes an array, or the values of an object keyed by id', () => {
		expect(entriesOf([1, 2])).toEqual([1, 2]);
		expect(entriesOf({ 'a@g.us': 1, 'b@g.us': 2 })).toEqual([1, 2]);
		expect(entriesOf('text')).toBeUndefined();
		expect(entriesOf(null)).toBeUndefined();
	});
});

describe('summary: the participant count', () => {
	it('is the count field when the vendor gives one, else the length of the participants list', () => {
		const id = '120363019502650977@g.us';
		expect(summary({ id, participantCount: 7, participants: [{ id: 'a' }] })).toEqual({ groupId: id, participantCount: 7 });
		expect(summary({ id, participants: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] })).toEqual({ groupId: id, participantCount: 3 });
		expect(summary({ id, participantCount: undefined, participants: [{ id: 'a' }] })).toEqual({ groupId: id, participantCount: 1 });
		// Nothing that tells: no count is guessed.
		expect(summary({ id, participants: [] })).toEqual({ groupId: id });
		expect(summary({ id, participants: 'many' })).toEqual({ groupId: id });
	});
});
