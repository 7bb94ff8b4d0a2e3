/**
 * The provider contract: what an adapter implements and what the transport hands it. Types only;
 * the helpers adapters share to read vendor JSON are in ./read.ts and ./listing.ts.
 */
import type { ICredentialDataDecryptedObject, IDataObject, JsonObject, NodeApiError } from 'n8n-workflow';

import type { GroupIdRules, GroupRef } from '../whatsapp/groupId';
import type { Invite } from '../whatsapp/invite';
import type { Requester } from '../whatsapp/requester';

/** One HTTP call an adapter asks the transport to make. */
export interface ProviderRequest {
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	/** Path below the adapter's API root, already URL-encoded. */
	path: string;
	qs?: IDataObject;
	/** JSON body; when set, the request is sent with `Content-Type: application/json`. */
	body?: IDataObject;
	/**
	 * Whether sending the request twice is harmless (a read). Only idempotent requests are retried after
	 * a timeout, a dropped connection or a 5xx; others only when they provably did not take effect.
	 */
	idempotent: boolean;
	/** What the request does, in the user's words, for error messages, e.g. "reset the invite link". */
	action: string;
	/** HTTP statuses handed back to the adapter instead of failing (e.g. 405 for a method fallback). */
	passStatuses?: number[];
	/**
	 * The least time this request may take, in ms, when the vendor is known to be slow at it (e.g. a
	 * group list that fetches every group's picture): the node's Timeout option is raised to it.
	 */
	minTimeout?: number;
}

export interface ProviderResponse {
	statusCode: number;
	/** Parsed JSON, or the text when the body is not JSON (some vendors answer a bare string). */
	body: unknown;
	/** The body as received, when it was not JSON (e.g. an HTML error page). */
	text?: string;
}

/** What an adapter can do with the network: the transport, bound to one item. */
export interface ProviderClient {
	/** The provider's credential values (read once per execution). */
	readonly credentials: ICredentialDataDecryptedObject;
	/**
	 * What the adapter learned about the server during this execution, shared by all its items (e.g.
	 * which HTTP method a route accepts), so it is not found out again for every item.
	 */
	readonly memo: Map<string, unknown>;
	send(request: ProviderRequest): Promise<ProviderResponse>;
	/** An error for a 2xx answer that does not carry what was asked for. */
	invalidResponse(problem: string, response: ProviderResponse): NodeApiError;
	/**
	 * The error the transport would have raised for a response it handed back through `passStatuses`
	 * (same message, hint and retry/ambiguity marks), for when the adapter decides it is a failure.
	 */
	httpError(request: ProviderRequest, response: ProviderResponse): NodeApiError;
	/**
	 * The error for an invite lookup whose answer says the code leads nowhere (revoked, expired or
	 * never valid), with the vendor's reason: for `resolveInvite`, once the adapter has told this apart
	 * from other failures (e.g. a disconnected instance that answers the same status).
	 */
	inviteGone(response: ProviderResponse): NodeApiError;
	/**
	 * The error for a join request the vendor says is not pending from this requester in this group
	 * (already approved or rejected, withdrawn, or never made): "no pending request from … in this
	 * group". A definite refusal: never retried, never "may have happened".
	 */
	notPending(requester: Requester, response?: ProviderResponse): NodeApiError;
	/**
	 * The error for a write the vendor answered 2xx but reported as failed (e.g. WAHA's
	 * `[{success: false, error}]`, Meta's `failed_join_requests`), with the vendor's reason. `action`
	 * is what was asked, in the user's words (e.g. "approve the join request"). A definite refusal.
	 */
	reportedFailure(action: string, reason: string | undefined, response: ProviderResponse): NodeApiError;
}

export interface InviteResult extends Invite {
	/** The group JID the vendor reported, when it reports one (e.g. for an invite-code input). */
	groupJid?: string;
}

/** One group as a vendor's list or invite lookup reports it. A field the vendor does not give is absent, never guessed. */
export interface GroupSummary {
	/**
	 * The canonical group ID in the provider's form (its groupIdRules.idForm): the JID `…@g.us`, or
	 * the provider's own opaque ID as the vendor gives it (Meta WhatsApp Cloud API).
	 */
	groupId: string;
	name?: string;
	participantCount?: number;
	/** Whether the connected number is an admin of the group (only where the vendor reports roles). */
	isAdmin?: boolean;
	inviteCode?: string;
	inviteLink?: string;
}

/** A pending request to join a group (Get Many Join Requests). A field the vendor does not give is absent, never guessed. */
export interface JoinRequest {
	/** Who asked: `…@s.whatsapp.net` or `…@lid` (the vendor's id, canonical), with the phone when known. */
	requester: Requester;
	/** The vendor's own word for how the request was made, e.g. `invite_link`, `non_admin_add`. */
	requestMethod?: string;
	/** When it was made, ISO 8601. */
	requestedAt?: string;
	/** The vendor's own id of the request, where approving or rejecting needs it (Meta's join_request_id). */
	requestId?: string;
}

/** One page of a group list. */
export interface GroupPage {
	groups: GroupSummary[];
	/** Opaque cursor of the next page; absent on the last one. */
	next?: string;
}

export interface GroupListRequest {
	/** The `next` of the previous page; absent for the first page. */
	cursor?: string;
	/** How many groups to ask for (the vendor may cap it; a vendor without paging answers all at once). */
	pageSize: number;
	/**
	 * Whether the caller needs `isAdmin` (Get Many Groups). Where it costs more (the participant lists,
	 * or one request for the connected number), an adapter pays it only when asked.
	 */
	roles: boolean;
}

/**
 * One WhatsApp gateway. Adding a provider = one file implementing this, one credential type and one
 * line in `./index.ts` (CONTRIBUTING.md lists the tests and docs that go with it).
 */
export interface ProviderAdapter {
	/** Value of the node's `provider` parameter; stored in workflows. */
	readonly id: string;
	/** Display name, e.g. "Z-API". */
	readonly name: string;
	/** Name of the credential type this provider uses. */
	readonly credentialType: string;
	readonly groupIdRules: GroupIdRules;
	/** The vendor's documented request limit per minute and credential, if it has one. */
	readonly requestsPerMinute?: number;
	/** Root URL of the API for these credentials (the transport prefixes every path with it). */
	apiRoot(credentials: ICredentialDataDecryptedObject, baseUrl: string): string;
	/** Credential values that must never appear in an output, an error or a log line. */
	secrets(credentials: ICredentialDataDecryptedObject): unknown[];
	/** The vendor's own error message from an error body, if it sent one. */
	errorMessage(body: unknown): string | undefined;
	/**
	 * A hint, for the error description, on how to fix a failure with this HTTP status. `body` is the
	 * parsed error body (JSON answers only), for vendors whose errors are told apart by a code in the
	 * body rather than by the status (e.g. the Graph API's `error.code`).
	 */
	errorHint?(statusCode: number, vendorMessage: string | undefined, body?: unknown): string | undefined;
	/**
	 * Whether a failed JSON answer, whatever its HTTP status, is the vendor refusing because of a rate
	 * limit. The transport then treats it as it treats an HTTP 429: the vendor did not act on the
	 * request, so it is retried after a backoff (or the vendor's Retry-After), a reset too, and the
	 * message says the vendor is limiting requests. For vendors that answer throttling with another
	 * status (Meta's Graph API: HTTP 400 with `error.code` 4, 80007, 130429 …). Classify only what the
	 * vendor documents as a refusal that changed nothing. Without it, only HTTP 429 is a rate limit.
	 */
	isRateLimited?(statusCode: number, body: unknown): boolean;
	/**
	 * Extra fields for the details of a failed answer's error (kept with the execution, shown in n8n's
	 * error view), e.g. the trace id a vendor's support asks for. Redacted like every detail.
	 */
	errorDetails?(body: unknown): JsonObject | undefined;
	/**
	 * The trace id of a failed answer that the vendor's support asks for, with the vendor's name for it
	 * (Meta: `fbtrace_id`). The error's description says it, and an error item on the regular output
	 * carries it as `traceId` (n8n 1.x's error output takes only `error` and `message`).
	 */
	traceId?(body: unknown): { label: string; value: string } | undefined;
	/**
	 * Whether a 5xx is a definite refusal rather than a failure that may have taken effect (some
	 * vendors report WhatsApp's own "not-authorized" as HTTP 500). A reset that failed definitely is
	 * not reported as "may not have completed".
	 */
	isDefiniteFailure?(statusCode: number, vendorMessage: string | undefined): boolean;
	/**
	 * Whether a 2xx JSON body is an error envelope (the vendor failed but answered 2xx). Defaults to
	 * the shared rule `errorEnvelope` (./read.ts); an adapter whose genuine success body would trip it (e.g.
	 * `{"code": "SUCCESS", "message": …}`) says what its error looks like instead.
	 */
	isErrorEnvelope?(body: unknown): boolean;
	getInviteLink(client: ProviderClient, group: GroupRef): Promise<InviteResult>;
	resetInviteLink(client: ProviderClient, group: GroupRef): Promise<InviteResult>;
	/** The groups the connected number belongs to, one page at a time (the vendor's real list endpoint). */
	listGroups?(client: ProviderClient, request: GroupListRequest): Promise<GroupPage>;
	/** Whether `listGroups` reports `isAdmin` when asked for roles (else Get Many Groups' Admin Only cannot apply). */
	readonly listReportsAdmin?: boolean;
	/**
	 * The group an invite code leads to (By Invite Link), through the vendor's invite lookup. Absent
	 * where the vendor cannot resolve a link. A revoked or expired code fails with the vendor's reason.
	 */
	resolveInvite?(client: ProviderClient, inviteCode: string): Promise<GroupSummary>;
	/**
	 * Join requests (groups whose link needs an admin's approval). Each is absent where the vendor has
	 * no such call over HTTP; an operation that needs it then fails before any request, naming the
	 * provider. Approve, reject and the approval setting are writes: `idempotent: false`.
	 */
	/** The group's pending join requests, every page. */
	listJoinRequests?(client: ProviderClient, group: GroupRef): Promise<JoinRequest[]>;
	/** Lets the requester in. Fails with client.notPending when no request from them is pending. */
	approveJoinRequest?(client: ProviderClient, group: GroupRef, requester: Requester): Promise<void>;
	/** Turns the request down. Fails with client.notPending when no request from them is pending. */
	rejectJoinRequest?(client: ProviderClient, group: GroupRef, requester: Requester): Promise<void>;
	/** Turns "approve new participants" on (`required`) or off for the group. */
	setJoinApproval?(client: ProviderClient, group: GroupRef, required: boolean): Promise<void>;
}
