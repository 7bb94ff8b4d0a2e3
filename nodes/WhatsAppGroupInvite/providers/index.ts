/**
 * The provider registry: one line per provider. The node's Provider parameter, its credentials and
 * its subtitle are all built from this list.
 */
import { ryzeApi } from './ryzeApi';
import type { ProviderAdapter } from './types';
import { wawp } from './wawp';
import { zApi } from './zApi';

export const PROVIDERS: readonly ProviderAdapter[] = [ryzeApi, wawp, zApi];

export function getProvider(id: string): ProviderAdapter | undefined {
	return PROVIDERS.find((provider) => provider.id === id);
}
