/**
 * The group-event sources of the WhatsApp Group Trigger, one per provider (same ids as ../index.ts).
 */
import { evolutionApiEvents } from './evolutionApi';
import { evolutionGoEvents } from './evolutionGo';
import { gowaEvents } from './gowa';
import { metaCloudApiEvents } from './metaCloudApi';
import { ryzeApiEvents } from './ryzeApi';
import { uazapiEvents } from './uazapi';
import { wahaEvents } from './waha';
import { wawpEvents } from './wawp';
import { whapiEvents } from './whapi';
import { wppconnectEvents } from './wppconnect';
import { wuzapiEvents } from './wuzapi';
import { zApiEvents } from './zApi';
import type { GroupEventSource } from './types';

const SOURCES: Record<string, GroupEventSource> = {
	evolutionApi: evolutionApiEvents,
	evolutionGo: evolutionGoEvents,
	gowa: gowaEvents,
	metaCloudApi: metaCloudApiEvents,
	ryzeApi: ryzeApiEvents,
	uazapi: uazapiEvents,
	waha: wahaEvents,
	wawp: wawpEvents,
	whapi: whapiEvents,
	wppconnect: wppconnectEvents,
	wuzapi: wuzapiEvents,
	zApi: zApiEvents,
};

export function groupEventSource(providerId: string): GroupEventSource | undefined {
	return SOURCES[providerId];
}
