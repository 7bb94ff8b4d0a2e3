/**
 * The group-event contract of the WhatsApp Group Trigger: what one gateway's event source implements
 * (how its webhook is registered, how it proves a request is its own, and how its payloads read as
 * normalized participant events). Types only. One file per provider beside this one, registered in
 * ./index.ts; the trigger node (../../WhatsAppGroupTrigger.node.ts) and trigger/ use nothing else.
 */
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

import type { ProviderClient } from '../types';

/** The trigger's `events` values; stored in workflows. */
export type GroupEventName = 'memberJoined' | 'memberLeft' | 'joinRequested';

/** How a member came in, only as the vendor says it; `unknown` otherwise (never guessed). */
export type JoinedVia = 'invite_link' | 'added' | 'request_approved' | 'unknown';

/** The trigger's `webhookSetup` values; stored in workflows. */
export type SetupMode = 'automatic' | 'manual' | 'replace';

/** One participant in one event, normalized. A field the vendor does not give is absent. */
export interface ParticipantEvent {
	event: GroupEventName;
	/** Canonical: `…@g.us`, or Meta's own group id. */
	groupId: string;
	/** The participant's JID or LID as the vendor gives it (canonical spelling: `…@s.whatsapp.net`, `…@lid`). */
	participant: string;
	/** Phone digits, when known. */
	phone?: string;
	/** For memberJoined: how they came in; `unknown` unless the vendor says it. */
	joinedVia?: JoinedVia;
	/** For joinRequested (and joins from a request): the vendor's own word, e.g. `invite_link`. */
	requestMethod?: string;
	/** Who acted (an admin who added or removed), when the vendor gives it, canonical like `participant`. */
	by?: string;
	/** ISO 8601; the time the trigger received it when the vendor gives none. */
	timestamp: string;
}

/** A request that reached the trigger's URL, as the event source sees it. */
export interface IncomingWebhook {
	method: string;
	/** Header names in lower case. */
	headers: Record<string, string | undefined>;
	query: Record<string, string | undefined>;
	/**
	 * The body as n8n parsed it (a JSON object, or the fields of a form). The trigger answers 400 to
	 * any other body (an array, a bare value, nothing) before a source sees it.
	 */
	body: IDataObject;
	/** The bytes as received (for signatures); empty when n8n kept none. */
	rawBody: Buffer;
}

/** Where the trigger receives and what it wants: built by WhatsAppGroupTrigger/lifecycle.ts for each registration. */
export interface HookTarget {
	/** n8n's URL of this trigger (production or test). */
	url: string;
	/**
	 * The registration's secret: derived from the credential's secrets, the workflow and this URL
	 * (WhatsAppGroupTrigger/lifecycle.ts), so the webhook, checkExists and delete all know it without storing it.
	 */
	secret: string;
	/** `url` with `?token=<secret>`, for gateways that neither sign nor send a header of ours. */
	tokenUrl: string;
	/** The events the user chose. */
	events: GroupEventName[];
}

/** What a source keeps of a registration between activation and deactivation (the workflow's static data). */
export type RegistrationState = IDataObject;

/** What the trigger knows when it checks a request's origin. */
export interface VerifyKeys {
	credentials: ICredentialDataDecryptedObject;
	/** The registration's secret (automatic or replace); absent in manual mode. */
	secret?: string;
	mode: SetupMode;
}

/**
 * One gateway's group events. `register`, `find` and `unregister` are present where the gateway has a
 * webhook API (automatic or replace); every write there is `idempotent: false`.
 */
export interface GroupEventSource {
	/**
	 * The setups this gateway allows, the default first: `['automatic', 'manual']` where it keeps
	 * several webhooks side by side, `['manual', 'replace']` where it has one URL, `['manual']` where a
	 * trigger cannot register at all (or only with a side effect the user must choose).
	 */
	readonly setups: readonly SetupMode[];
	/** How the gateway proves a request is its own once the trigger registered it (automatic/replace). */
	readonly proof: 'urlToken' | 'header' | 'signature';
	/** The proof in the docs' words, where the generic ones do not fit (docs/trigger.md's table). */
	readonly proofNote?: string;
	/** The panel's steps to set the URL by hand (manual), one short paragraph; `{url}` is not known there. */
	readonly manualSteps: string;
	/** A side effect of registering on this gateway the panel must state (e.g. it starts an instance). */
	readonly sideEffect?: string;
	/**
	 * Whether the request is the gateway's own: true, false (forged or for another registration), or
	 * undefined when nothing can be checked (manual mode without a key in the credential). The trigger
	 * checks `?token=` itself for `proof: 'urlToken'`; compare secrets in constant time (./signature.ts).
	 */
	verify?(request: IncomingWebhook, keys: VerifyKeys): boolean | undefined;
	/**
	 * The answer to a verification GET (Meta's `hub.challenge` handshake): the status and text to send,
	 * or undefined where the gateway sends none (answered 405).
	 */
	challenge?(request: IncomingWebhook, credentials: ICredentialDataDecryptedObject): { status: number; body: string } | undefined;
	/**
	 * The participant events in a request: [] for the gateway's other events (answered 200, no
	 * execution), undefined for a body that is not the gateway's format (answered 400).
	 */
	parse(request: IncomingWebhook): ParticipantEvent[] | undefined;
	/** Whether the gateway still holds this registration (n8n's checkExists, at every activation). */
	find?(client: ProviderClient, target: HookTarget, mode: SetupMode, state: RegistrationState): Promise<boolean>;
	/** Registers `target`; returns what unregister needs (for replace: the gateway's settings before). */
	register?(client: ProviderClient, target: HookTarget, mode: SetupMode): Promise<RegistrationState>;
	/**
	 * Removes only this registration (automatic), or puts the settings kept in `state` back (replace),
	 * unless the gateway no longer points at `target` (the user changed it meanwhile: left as it is).
	 */
	unregister?(client: ProviderClient, target: HookTarget, mode: SetupMode, state: RegistrationState): Promise<void>;
}
