/**
 * The provider registry: one line per provider. The node's Provider parameter, its credentials and
 * its subtitle are all built from this list.
 */
import { evolutionApi } from './evolutionApi';
import { metaCloudApi } from './metaCloudApi';
import { evolutionGo } from './evolutionGo';
import { gowa } from './gowa';
import { ryzeApi } from './ryzeApi';
import type { ProviderAdapter } from './types';
import { uazapi } from './uazapi';
import { waha } from './waha';
import { wawp } from './wawp';
import { whapi } from './whapi';
import { wppconnect } from './wppconnect';
import { wuzapi } from './wuzapi';
import { zApi } from './zApi';

export const PROVIDERS: readonly ProviderAdapter[] = [
	evolutionApi,
	evolutionGo,
	gowa,
	metaCloudApi,
	ryzeApi,
	uazapi,
	waha,
	wawp,
	whapi,
	wppconnect,
	wuzapi,
	zApi,
];

export function getProvider(id: string): ProviderAdapter | undefined {
	return PROVIDERS.find((provider) => provider.id === id);
}
