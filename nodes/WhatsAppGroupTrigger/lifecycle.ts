/**
 * The trigger's webhook registration (n8n's webhookMethods): checkExists at every activation (n8n's
 * startup included), create when it answers false, delete on deactivation. n8n leaves registrations
 * in place on shutdown, so a restart finds its own and registers nothing twice.
 *
 * Nothing of the user's is lost: automatic removes only the registration it made (found by its exact
 * URL); replace keeps the gateway's settings before in the workflow's static data (and, for a test
 * run, in this process) and puts them back, unless the gateway no longer points at this trigger.
 */
import { createHmac } from 'node:crypto';

import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getProvider } from '../WhatsAppGroupInvite/providers';
import { groupEventSource } from '../WhatsAppGroupInvite/providers/events';
import type { GroupEventName, GroupEventSource, HookTarget, RegistrationState, SetupMode } from '../WhatsAppGroupInvite/providers/events/types';
import type { ProviderAdapter, ProviderClient } from '../WhatsAppGroupInvite/providers/types';
import { checkBaseUrl, DEFAULT_TIMEOUT_MS, ProviderSession } from '../WhatsAppGroupInvite/transport';

/** The query parameter that carries the registration's secret, for gateways that neither sign nor send our header. */
export const TOKEN_PARAMETER = 'token';

/** Settings kept for a test run (n8n's "Listen for test event"), whose static data may not be saved. */
const kept = new Map<string, IDataObject>();

interface Registered extends IDataObject {
	provider: string;
	mode: SetupMode;
	url: string;
	state: RegistrationState;
}

export interface TriggerSetup {
	adapter: ProviderAdapter;
	source: GroupEventSource;
	mode: SetupMode;
}

/** The provider, its event source and the setup the user chose, checked. */
export function triggerSetup(ctx: { getNode: IHookFunctions['getNode'] }, providerId: string, mode: string): TriggerSetup {
	const adapter = getProvider(providerId);
	const source = adapter ? groupEventSource(adapter.id) : undefined;
	if (!adapter || !source) {
		throw new NodeOperationError(ctx.getNode(), `Unknown provider "${providerId}"`, {
			description: 'Choose the gateway again under Connect Using.',
		});
	}
	if (!(source.setups as readonly string[]).includes(mode)) {
		throw new NodeOperationError(ctx.getNode(), `${adapter.name} cannot use the webhook setup "${mode}"`, {
			description: `For ${adapter.name}, choose ${source.setups.map((s) => `"${s}"`).join(' or ')} under Webhook Setup.`,
		});
	}
	return { adapter, source, mode: mode as SetupMode };
}

/**
 * The registration's secret: an HMAC of the trigger's webhook id (n8n's random id of this node's URL)
 * under the credential's secrets and the workflow's id. The same wherever it is computed (activation,
 * the webhook, deactivation, a restart; n8n gives a webhook no way to tell its test URL from its
 * production one, so both share it), different for every trigger and credential, and never stored.
 */
export function registrationSecret(credentialSecrets: unknown[], workflowId: string | undefined, webhookId: string): string {
	const key = [...credentialSecrets.map((s) => String(s ?? '')), workflowId ?? ''].join('\n');
	return createHmac('sha256', `whatsapp-group-trigger\n${key}`).update(webhookId).digest('base64url');
}

/** `url` with the secret as `?token=` (or `&token=`). */
export function withToken(url: string, secret: string): string {
	return `${url}${url.includes('?') ? '&' : '?'}${TOKEN_PARAMETER}=${encodeURIComponent(secret)}`;
}

async function connect(ctx: IHookFunctions): Promise<{ setup: TriggerSetup; client: ProviderClient; target: HookTarget }> {
	const setup = triggerSetup(ctx, ctx.getNodeParameter('provider') as string, ctx.getNodeParameter('webhookSetup') as string);
	const credentials = await ctx.getCredentials(setup.adapter.credentialType);
	const session = new ProviderSession(ctx, setup.adapter, credentials, checkBaseUrl(ctx, setup.adapter, credentials), {
		requestsPerMinute: 0,
	});
	const url = ctx.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(ctx.getNode(), 'n8n gave this trigger no webhook URL');
	const secret = registrationSecret(setup.adapter.secrets(credentials), ctx.getWorkflow().id, ctx.getNode().webhookId ?? url);
	const events = ctx.getNodeParameter('events', []) as GroupEventName[];
	return {
		setup,
		client: session.client(0, { timeout: DEFAULT_TIMEOUT_MS }),
		target: { url, secret, tokenUrl: withToken(url, secret), events },
	};
}

function keyOf(ctx: IHookFunctions, url: string): string {
	return `${ctx.getWorkflow().id ?? ''}\n${ctx.getNode().id ?? ctx.getNode().name}\n${url}`;
}

function storedOf(ctx: IHookFunctions, url: string): Registered | undefined {
	const data = ctx.getWorkflowStaticData('node');
	const stored = (data.registration as Registered | undefined) ?? (kept.get(keyOf(ctx, url)) as Registered | undefined);
	return stored && stored.url === url ? stored : undefined;
}

/** n8n's checkExists: whether the gateway still holds this trigger's registration. */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const mode = this.getNodeParameter('webhookSetup') as string;
	if (mode === 'manual') return true; // Nothing to register: the user sets the URL on the gateway.
	const { setup, client, target } = await connect(this);
	if (!setup.source.find) return true;
	const stored = storedOf(this, target.url);
	return await setup.source.find(client, target, setup.mode, stored?.state ?? {});
}

/** n8n's create: registers this trigger with the gateway (automatic or replace). */
export async function create(this: IHookFunctions): Promise<boolean> {
	const mode = this.getNodeParameter('webhookSetup') as string;
	if (mode === 'manual') return true;
	const { setup, client, target } = await connect(this);
	if (!setup.source.register) return true;
	const state = await setup.source.register(client, target, setup.mode);
	const registered: Registered = { provider: setup.adapter.id, mode: setup.mode, url: target.url, state };
	this.getWorkflowStaticData('node').registration = registered;
	kept.set(keyOf(this, target.url), registered);
	return true;
}

/** n8n's delete: removes only this trigger's registration, or puts the user's webhook back (replace). */
export async function remove(this: IHookFunctions): Promise<boolean> {
	const mode = this.getNodeParameter('webhookSetup') as string;
	if (mode === 'manual') return true;
	const { setup, client, target } = await connect(this);
	if (!setup.source.unregister) return true;
	const stored = storedOf(this, target.url);
	if (setup.mode === 'replace' && stored === undefined) {
		// Without the settings before, putting anything back would be a guess: the gateway is left as it is.
		throw new NodeOperationError(this.getNode(), `The ${setup.adapter.name} webhook settings from before this trigger took over are not known`, {
			description: `Check the webhook URL in ${setup.adapter.name}: if it still points at this workflow (${target.url}), set your own URL back there.`,
		});
	}
	await setup.source.unregister(client, target, setup.mode, stored?.state ?? {});
	delete this.getWorkflowStaticData('node').registration;
	kept.delete(keyOf(this, target.url));
	return true;
}
