/**
 * STUB: wawp's group events (to be written from the gateway's source).
 */
import type { GroupEventSource } from './types';

export const wawpEvents: GroupEventSource = {
	setups: ['manual'],
	proof: 'urlToken',
	manualSteps: 'to be written.',
	parse() {
		return undefined;
	},
};
