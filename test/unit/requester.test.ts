/**
 * Who asked to join (whatsapp/requester.ts): the forms a user gives and the forms vendors report.
 */
import { parseRequester, requesterFromVendor, sameRequester } from '../../nodes/WhatsAppGroupInvite/whatsapp/requester';

describe('parseRequester', () => {
	it.each([
		['5511999999999', { jid: '5511999999999@s.whatsapp.net', phone: '5511999999999' }],
		['+55 11 99999-9999', { jid: '5511999999999@s.whatsapp.net', phone: '5511999999999' }],
		['+1 (415) 555-0100', { jid: '14155550100@s.whatsapp.net', phone: '14155550100' }],
		['5511999999999@s.whatsapp.net', { jid: '5511999999999@s.whatsapp.net', phone: '5511999999999' }],
		[' 5511999999999@c.us ', { jid: '5511999999999@s.whatsapp.net', phone: '5511999999999' }],
		['5511999999999:12@s.whatsapp.net', { jid: '5511999999999@s.whatsapp.net', phone: '5511999999999' }],
		['123456789012345@lid', { jid: '123456789012345@lid', lid: '123456789012345' }],
		['123456789012345@LID', { jid: '123456789012345@lid', lid: '123456789012345' }],
	])('%s', (input, expected) => {
		expect(parseRequester(input)).toEqual(expected);
	});

	it('takes a number from an expression, and nothing else that is not text', () => {
		expect(parseRequester(5511999999999)).toEqual({ jid: '5511999999999@s.whatsapp.net', phone: '5511999999999' });
		expect(() => parseRequester({ phone: '5511999999999' })).toThrow('The requester must be text or a phone number');
		expect(() => parseRequester(null)).toThrow('The requester is empty');
	});

	it.each([
		['', 'The requester is empty'],
		['   ', 'The requester is empty'],
		['120363019502650977@g.us', 'is a group, not a person who asked to join'],
		['120363019502650977-group', 'is a group, not a person who asked to join'],
		['12345', 'has 5 digits'],
		['1234567890123456789', 'has 19 digits'],
		['john@example.com', 'is not a phone number or a WhatsApp ID'],
		['5511999999999@s.whatsapp.net.evil', 'is not a phone number or a WhatsApp ID'],
	])('refuses %j, saying why and how to give it', (input, message) => {
		expect(() => parseRequester(input)).toThrow(message);
		try {
			parseRequester(input);
		} catch (error) {
			expect((error as { hint: string }).hint).toMatch(/^Give the requester as a phone number with its country code/);
		}
	});
});

describe('requesterFromVendor', () => {
	it('keeps a LID a LID, with the phone the vendor gives beside it', () => {
		expect(requesterFromVendor('123456789012345@lid', '5511999999999@s.whatsapp.net')).toEqual({
			jid: '123456789012345@lid',
			lid: '123456789012345',
			phone: '5511999999999',
		});
		expect(requesterFromVendor('123456789012345@lid', null)).toEqual({ jid: '123456789012345@lid', lid: '123456789012345' });
		expect(requesterFromVendor('5511999999999@c.us')).toEqual({ jid: '5511999999999@s.whatsapp.net', phone: '5511999999999' });
		expect(requesterFromVendor(undefined)).toBeUndefined();
		expect(requesterFromVendor({ id: 'x' })).toBeUndefined();
	});

	it('matches the same person across spellings, never a LID to a phone number', () => {
		const phone = parseRequester('5511999999999');
		expect(sameRequester(phone, parseRequester('5511999999999@c.us'))).toBe(true);
		expect(sameRequester(phone, requesterFromVendor('123456789012345@lid', '5511999999999')!)).toBe(true);
		expect(sameRequester(phone, parseRequester('123456789012345@lid'))).toBe(false);
	});
});
