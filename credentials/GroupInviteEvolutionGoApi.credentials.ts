import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class GroupInviteEvolutionGoApi implements ICredentialType {
	name = 'groupInviteEvolutionGoApi';

	displayName = 'Evolution GO API';

	icon = {
		light: 'file:../icons/whatsappGroupInvite.svg',
		dark: 'file:../icons/whatsappGroupInvite.dark.svg',
	} as const;

	documentationUrl =
		'https://github.com/whatsapp-group-invite/n8n-nodes-whatsapp-group-invite/blob/main/docs/providers/evolutionGo.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. http://localhost:8080',
			description:
				'The address of your Evolution GO server (self-hosted; its SERVER_PORT), without any path. Evolution GO is not Evolution API: for Evolution API use its own credential.',
		},
		{
			displayName: 'Instance Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"The instance's own token: Evolution GO manager (/manager) → Instances → your instance, i.e. the token the instance was created with. Not the server's global API key (GLOBAL_API_KEY), which the group routes refuse. Sent as the apikey header. The Test asks GET /instance/status, which proves the token and that the instance is connected and logged in; like every call of this node, it makes Evolution GO start an instance that is not loaded yet.",
		},
	];

	// A function rather than n8n's generic {{$credentials…}} form: n8n would evaluate those expressions
	// for every request (about 0.1 ms each, measured in real n8n with scripts/bench/real-n8n.js).
	authenticate: IAuthenticate = async (credentials, requestOptions): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		headers: {
			...requestOptions.headers,
			apikey: String(credentials.token ?? ''),
		},
	});

	// EvolutionAPI/evolution-go@89eaae3: GET /instance/status answers 200 {data: {Connected, LoggedIn,
	// Name}}, 400 {"error": "client disconnected" | "no active session found"} for an instance that is not
	// connected (pkg/instance/handler/instance_handler.go:246-262), 401 {"error": "not authorized"} for a
	// wrong token or the global key (pkg/middleware/auth_middleware.go:21-37). n8n's credential test
	// reports any 4xx with a generic text ("Bad request - please check your parameters"): the answer is
	// read whatever its status, so the rules can say which of these it is; an answer without
	// data.Connected (e.g. a wrong Base URL) still fails.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.baseUrl).replace(/\\/+$/, "") }}',
			url: '/instance/status',
			method: 'GET',
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error',
					value: 'not authorized',
					message:
						"Evolution GO did not accept the token (401 not authorized): use the instance's own token (Evolution GO manager → Instances → your instance), not the server's global API key (GLOBAL_API_KEY), which works only on the admin routes",
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error',
					value: 'client disconnected',
					message:
						'The token works, but the Evolution GO instance is disconnected from WhatsApp (client disconnected): reconnect it in the Evolution GO manager (your instance → Connect, scan the QR code if asked), then test again',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error',
					value: 'no active session found',
					message:
						'The token works, but the Evolution GO instance has no active WhatsApp session (no active session found): connect it in the Evolution GO manager (your instance → Connect, scan the QR code), then test again',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'data.LoggedIn',
					value: false,
					message:
						'The token works, but the Evolution GO instance is not logged in to WhatsApp: scan its QR code (or use a pairing code) in the Evolution GO manager, then test again',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'data.Connected',
					value: false,
					message:
						'The token works, but the Evolution GO instance is not connected to WhatsApp: connect it in the Evolution GO manager, then test again',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'data.Connected',
					value: undefined,
					message:
						"The server did not answer as Evolution GO's GET /instance/status does: check that the Base URL is your Evolution GO server (not Evolution API) and that the Instance Token is the instance's own token",
				},
			},
		],
	};
}
