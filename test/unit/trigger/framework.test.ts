/**
 * The trigger's framework without a gateway: secrets and signatures, the registration secret, and the
 * panel (every provider has a source, and exactly one Webhook Setup list).
 */
import { createHmac } from 'node:crypto';

import { PROVIDERS } from '../../../nodes/WhatsAppGroupInvite/providers';
import { groupEventSource } from '../../../nodes/WhatsAppGroupInvite/providers/events';
import { timeOf, personOf } from '../../../nodes/WhatsAppGroupInvite/providers/events/read';
import { registrationSecret, withToken } from '../../../nodes/WhatsAppGroupTrigger/lifecycle';
import { sameSecret, validHmac } from '../../../nodes/WhatsAppGroupInvite/providers/events/signature';
import { WhatsAppGroupTrigger } from '../../../nodes/WhatsAppGroupTrigger/WhatsAppGroupTrigger.node';

describe('signature.ts', () => {
	it('sameSecret is true only for the same text, and false for a missing or empty expected value', () => {
		expect(sameSecret('abc', 'abc')).toBe(true);
		expect(sameSecret('abd', 'abc')).toBe(false);
		expect(sameSecret('ab', 'abc')).toBe(false);
		expect(sameSecret('abcd', 'abc')).toBe(false);
		expect(sameSecret(undefined, 'abc')).toBe(false);
		expect(sameSecret('', '')).toBe(false);
	});

	it('validHmac reads hex with or without a sha256= prefix, in any case, and refuses another key or body', () => {
		const body = Buffer.from('{"a":1}');
		const hex = createHmac('sha256', 'k').update(body).digest('hex');
		expect(validHmac(hex, 'sha256', 'k', body)).toBe(true);
		expect(validHmac(`sha256=${hex.toUpperCase()}`, 'sha256', 'k', body)).toBe(true);
		expect(validHmac(hex, 'sha256', 'other', body)).toBe(false);
		expect(validHmac(hex, 'sha256', 'k', Buffer.from('{"a":2}'))).toBe(false);
		expect(validHmac(undefined, 'sha256', 'k', body)).toBe(false);
		const sha512 = createHmac('sha512', 'k').update(body).digest('hex');
		expect(validHmac(sha512, 'sha512', 'k', body)).toBe(true);
	});

});

describe('the registration secret', () => {
	it('is the same for the same credential, workflow and webhook id, and differs when any of them changes', () => {
		const url = '0d4c2a4e-5b8f-4a51-9d0e-6a3e3f1d2c11';
		const secret = registrationSecret(['token-1'], 'wf1', url);
		expect(registrationSecret(['token-1'], 'wf1', url)).toBe(secret);
		expect(registrationSecret(['token-2'], 'wf1', url)).not.toBe(secret);
		expect(registrationSecret(['token-1'], 'wf2', url)).not.toBe(secret);
		expect(registrationSecret(['token-1'], 'wf1', `${url}x`)).not.toBe(secret);
		expect(secret).not.toContain('token-1');
	});

	it('travels as ?token= (or &token= after a query)', () => {
		expect(withToken('https://h/webhook/a/webhook', 's+/')).toBe('https://h/webhook/a/webhook?token=s%2B%2F');
		expect(withToken('https://h/w?x=1', 's')).toBe('https://h/w?x=1&token=s');
	});
});

describe('read.ts', () => {
	it('timeOf reads seconds, milliseconds and RFC 3339, and falls back to the time received', () => {
		const now = new Date('2026-12-06T10:00:00.000Z');
		expect(timeOf(1764979200, now)).toBe('2025-12-06T00:00:00.000Z');
		expect(timeOf(1764979200123, now)).toBe('2025-12-06T00:00:00.123Z');
		expect(timeOf('1764979200', now)).toBe('2025-12-06T00:00:00.000Z');
		expect(timeOf('2025-12-06T01:02:03+01:00', now)).toBe('2025-12-06T00:02:03.000Z');
		expect(timeOf('0001-01-01T00:00:00Z', now)).toBe(now.toISOString());
		expect(timeOf(undefined, now)).toBe(now.toISOString());
	});

	it('personOf keeps a LID a LID, reads @c.us and objects, and refuses groups', () => {
		expect(personOf('5511977776666@c.us')).toEqual({ participant: '5511977776666@s.whatsapp.net', phone: '5511977776666' });
		expect(personOf('123456789012345@lid')).toEqual({ participant: '123456789012345@lid' });
		expect(personOf('123456789012345@lid', '5511977776666')).toEqual({ participant: '123456789012345@lid', phone: '5511977776666' });
		expect(personOf({ id: { _serialized: '5511977776666@c.us' } })).toEqual({ participant: '5511977776666@s.whatsapp.net', phone: '5511977776666' });
		expect(personOf('120363019502650977@g.us')).toBeUndefined();
		expect(personOf('')).toBeUndefined();
	});
});

describe('the panel', () => {
	const description = new WhatsAppGroupTrigger().description;
	const setups = description.properties.filter((p) => p.name === 'webhookSetup');

	it('is a trigger with no inputs, a POST webhook and a GET one (Meta\'s handshake), and all three webhook methods', () => {
		expect(description.name).toBe('whatsAppGroupTrigger');
		expect(description.inputs).toEqual([]);
		expect(description.webhooks?.map((w) => [w.name, w.httpMethod, w.path])).toEqual([
			['default', 'POST', 'webhook'],
			['setup', 'GET', 'webhook'],
		]);
		expect(Object.keys(new WhatsAppGroupTrigger().webhookMethods.default).sort()).toEqual(['checkExists', 'create', 'delete']);
	});

	it.each(PROVIDERS.map((p) => [p.id]))('%s has an event source and exactly one Webhook Setup list, its default first', (id) => {
		const source = groupEventSource(id);
		expect(source).toBeDefined();
		const shown = setups.filter((p) => (p.displayOptions?.show?.provider as string[]).includes(id));
		expect(shown).toHaveLength(1);
		expect((shown[0].options as Array<{ value: string }>).map((o) => o.value)).toEqual([...(source?.setups ?? [])]);
		expect(shown[0].default).toBe(source?.setups[0]);
		// Registration exists where the gateway's list says automatic or replace, and only there.
		const registers = source?.setups.some((s) => s !== 'manual') ?? false;
		expect(typeof source?.register === 'function').toBe(registers);
		expect(typeof source?.unregister === 'function').toBe(registers);
		expect(typeof source?.find === 'function').toBe(registers);
	});

	it('the stored names are provider, events (memberJoined, memberLeft, joinRequested), webhookSetup and options (groupIds, includeRaw)', () => {
		const names = [...new Set(description.properties.filter((p) => p.type !== 'notice').map((p) => p.name))];
		expect(names).toEqual(['provider', 'events', 'webhookSetup', 'options']);
		const events = description.properties.find((p) => p.name === 'events');
		expect((events?.options as Array<{ value: string }>).map((o) => o.value)).toEqual(['memberJoined', 'memberLeft', 'joinRequested']);
		const options = description.properties.find((p) => p.name === 'options');
		expect((options?.options as Array<{ name: string }>).map((o) => o.name).sort()).toEqual(['groupIds', 'includeRaw']);
	});
});
