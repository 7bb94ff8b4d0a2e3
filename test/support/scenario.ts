/**
 * Shared pieces of the workflow tests: the provider table, a simulator per test file, and the
 * assertion that no secret shows up anywhere in a run.
 */
import { VendorSimulator } from './simulator';
import { loadOptionsContext, runNode } from './harness';
import { getProvider } from '../../nodes/WhatsAppGroupInvite/providers';
import type { ProviderAdapter, ProviderClient } from '../../nodes/WhatsAppGroupInvite/providers/types';
import { checkBaseUrl, ProviderSession } from '../../nodes/WhatsAppGroupInvite/transport';
import { VENDORS } from './vendors';

export type ProviderId =
	| 'zApi'
	| 'ryzeApi'
	| 'wawp'
	| 'evolutionApi'
	| 'waha'
	| 'whapi'
	| 'metaCloudApi'
	| 'uazapi'
	| 'evolutionGo'
	| 'wppconnect'
	| 'wuzapi'
	| 'gowa';
export type Vendor = ProviderId;
export type CredentialType =
	| 'groupInviteZApi'
	| 'groupInviteRyzeApi'
	| 'groupInviteWawpApi'
	| 'groupInviteEvolutionApi'
	| 'groupInviteWahaApi'
	| 'groupInviteWhapiApi'
	| 'groupInviteMetaWhatsAppApi'
	| 'groupInviteUazapiApi'
	| 'groupInviteEvolutionGoApi'
	| 'groupInviteWppconnectApi'
	| 'groupInviteWuzapiApi'
	| 'groupInviteGowaApi';

/**
 * `idForm`: the group IDs the provider takes (the adapter's groupIdRules.idForm): `jid` for WhatsApp's
 * `…@g.us`, `meta` for Meta's opaque Cloud API group IDs.
 */
export const PROVIDERS: Array<{ provider: ProviderId; credentialType: CredentialType; idForm: 'jid' | 'meta' }> = [
	{ provider: 'zApi', credentialType: 'groupInviteZApi', idForm: 'jid' },
	{ provider: 'ryzeApi', credentialType: 'groupInviteRyzeApi', idForm: 'jid' },
	{ provider: 'wawp', credentialType: 'groupInviteWawpApi', idForm: 'jid' },
	{ provider: 'evolutionApi', credentialType: 'groupInviteEvolutionApi', idForm: 'jid' },
	{ provider: 'waha', credentialType: 'groupInviteWahaApi', idForm: 'jid' },
	{ provider: 'whapi', credentialType: 'groupInviteWhapiApi', idForm: 'jid' },
	{ provider: 'metaCloudApi', credentialType: 'groupInviteMetaWhatsAppApi', idForm: 'meta' },
	{ provider: 'uazapi', credentialType: 'groupInviteUazapiApi', idForm: 'jid' },
	{ provider: 'evolutionGo', credentialType: 'groupInviteEvolutionGoApi', idForm: 'jid' },
	{ provider: 'wppconnect', credentialType: 'groupInviteWppconnectApi', idForm: 'jid' },
	{ provider: 'wuzapi', credentialType: 'groupInviteWuzapiApi', idForm: 'jid' },
	{ provider: 'gowa', credentialType: 'groupInviteGowaApi', idForm: 'jid' },
];

/**
 * The group ID a provider's user gives for a simulated group (`id`: the JID without `@g.us`), which
 * is also the `groupId` the node outputs: `<id>@g.us`, or the vendor's own ID (Meta).
 */
export function groupIdOf(provider: ProviderId, id: string): string {
	const vendor = VENDORS.find((v) => v.id === provider);
	return vendor?.groupRef ? vendor.groupRef(id) : `${id}@g.us`;
}

/** The example the group-ID hints show, in the provider's form (groupId.ts). */
export function groupIdExample(provider: ProviderId): string {
	return PROVIDERS.find((p) => p.provider === provider)?.idForm === 'meta'
		? 'e.g. Y2FwaV9ncm91cDoxNzA1NTU1MDEzOToxMjAzNjM0MDQ2OTQyMzM4MjAZD'
		: 'e.g. 120363019502650977@g.us or 120363019502650977-group';
}

export const OPERATIONS = ['getInviteLink', 'resetInviteLink'] as const;
export type Operation = (typeof OPERATIONS)[number];

export const GROUP = '120363019502650977';
export const LEGACY_GROUP = '5511999999999-1623281429';
export const NON_ADMIN_GROUP = '120363999999999999';

export const LINK = /^https:\/\/chat\.whatsapp\.com\/[A-Za-z0-9]{22}$/;

export async function startSimulator(
	options?: ConstructorParameters<typeof VendorSimulator>[0],
): Promise<VendorSimulator> {
	const sim = new VendorSimulator(options);
	await sim.start();
	sim.addGroup(GROUP);
	sim.addGroup(LEGACY_GROUP);
	sim.addGroup(NON_ADMIN_GROUP, { admin: false });
	return sim;
}

/**
 * A simulator for the test file: started before its tests, stopped after them, its request log and
 * faults cleared before each. `sim()` is the running simulator.
 */
export function useSimulator(options?: ConstructorParameters<typeof VendorSimulator>[0]): () => VendorSimulator {
	let sim: VendorSimulator | undefined;
	beforeAll(async () => {
		sim = await startSimulator(options);
	});
	afterAll(async () => {
		await sim?.stop();
	});
	beforeEach(() => sim?.reset());
	return () => {
		if (!sim) throw new Error('the simulator is not started');
		return sim;
	};
}

/**
 * A provider's adapter and a client of the real transport, sending through n8n-core (the credential
 * applied as n8n applies it) to the simulator over real sockets: for adapter calls that no operation
 * makes yet (e.g. join requests before their operations exist).
 */
export async function adapterClient(
	sim: VendorSimulator,
	provider: ProviderId,
	credentials: Record<string, unknown> = {},
): Promise<{ adapter: ProviderAdapter; client: ProviderClient }> {
	const entry = PROVIDERS.find((p) => p.provider === provider);
	const adapter = getProvider(provider);
	if (!entry || !adapter) throw new Error(`unknown provider ${provider}`);
	const data = { ...sim.credentials()[entry.credentialType], ...credentials };
	const { context } = await loadOptionsContext({ parameters: { provider }, credentials: { [entry.credentialType]: data } });
	const session = new ProviderSession(context, adapter, data, checkBaseUrl(context, adapter, data), { requestsPerMinute: 0 });
	return { adapter, client: session.client(0, { timeout: 5000 }) };
}

export interface RunArgs {
	sim: VendorSimulator;
	provider: ProviderId;
	operation: Operation;
	groupId?: string;
	items?: Array<Record<string, unknown>>;
	options?: Record<string, unknown>;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	credentials?: Record<string, unknown>;
}

/** Runs the node for one provider with the simulator's credentials. */
export async function run(args: RunArgs) {
	const entry = PROVIDERS.find((p) => p.provider === args.provider);
	if (!entry) throw new Error(`unknown provider ${args.provider}`);
	const credentials = { ...args.sim.credentials()[entry.credentialType], ...(args.credentials ?? {}) };
	return await runNode({
		parameters: {
			provider: args.provider,
			operation: args.operation,
			groupId: args.groupId ?? groupIdOf(args.provider, GROUP),
			options: args.options ?? {},
		},
		credentials: { [entry.credentialType]: credentials },
		items: args.items,
		onError: args.onError,
	});
}

/**
 * Runs the node at version 1.1 for one provider with the simulator's credentials (`credentials`
 * overrides some of their fields), and checks that no secret appears in the run.
 */
export async function run11(
	sim: VendorSimulator,
	provider: ProviderId,
	parameters: Record<string, unknown>,
	extra: RunExtra = {},
) {
	return await runVersion(1.1, sim, provider, parameters, extra);
}

export interface RunExtra {
	items?: Array<Record<string, unknown>>;
	onError?: 'continueRegularOutput' | 'continueErrorOutput';
	credentials?: Record<string, unknown>;
}

/** As run11, at node version 2 (Resource and Operation). */
export async function run2(sim: VendorSimulator, provider: ProviderId, parameters: Record<string, unknown>, extra: RunExtra = {}) {
	return await runVersion(2, sim, provider, parameters, extra);
}

async function runVersion(
	typeVersion: number,
	sim: VendorSimulator,
	provider: ProviderId,
	parameters: Record<string, unknown>,
	extra: RunExtra,
) {
	const entry = PROVIDERS.find((p) => p.provider === provider);
	if (!entry) throw new Error(`unknown provider ${provider}`);
	const { credentials, ...rest } = extra;
	const result = await runNode({
		typeVersion,
		parameters: { provider, options: {}, ...parameters },
		credentials: { [entry.credentialType]: { ...sim.credentials()[entry.credentialType], ...(credentials ?? {}) } },
		...rest,
	});
	expectNoSecrets(result.serialized, sim.secrets());
	return result;
}

/** Fails with the secret's owner when any secret appears in the serialized run. */
export function expectNoSecrets(serialized: string, secrets: string[]): void {
	for (const secret of secrets) {
		for (const form of [secret, encodeURIComponent(secret)]) {
			if (serialized.includes(form)) {
				throw new Error(`a secret (${form.slice(0, 4)}…) appears in the run: ${serialized.slice(Math.max(0, serialized.indexOf(form) - 200), serialized.indexOf(form) + 50)}`);
			}
		}
	}
}
