import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class GroupInviteUazapiApi implements ICredentialType {
	name = 'groupInviteUazapiApi';

	displayName = 'Uazapi API';

	icon = {
		light: 'file:../icons/whatsappGroupInvite.svg',
		dark: 'file:../icons/whatsappGroupInvite.dark.svg',
	} as const;

	documentationUrl =
		'https://github.com/whatsapp-group-invite/n8n-nodes-whatsapp-group-invite/blob/main/docs/providers/uazapi.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Server URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://mycompany.uazapi.com',
			description:
				'Your uazapi server, https://{subdomain}.uazapi.com, as shown in the uazapi panel next to your instance (each customer has its own subdomain), without any path',
		},
		{
			displayName: 'Instance Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"The instance's token: uazapi panel → Instances → your instance → Token (not the admin token). Sent as the token header.",
		},
	];

	// A function rather than n8n's generic {{$credentials…}} form: n8n would evaluate those expressions
	// for every request (about 0.1 ms each, measured in real n8n with scripts/bench/real-n8n.js).
	authenticate: IAuthenticate = async (credentials, requestOptions): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		headers: {
			...requestOptions.headers,
			token: String(credentials.token ?? ''),
		},
	});

	// GET /instance/status answers 200 in every state ({instance: {status}, status: {connected, loggedIn}});
	// 401 {"error": "instance info not found"} for a token it does not know (uazapi OpenAPI v2.0.1,
	// uazapi-cli@7233784 uazapi-openapi.json:2337-2424), which n8n reports as "Authorization failed".
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.baseUrl).replace(/\\/+$/, "") }}',
			url: '/instance/status',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'instance.status',
					value: 'disconnected',
					message:
						'The token works, but the uazapi instance is disconnected from WhatsApp: connect it in the uazapi panel (your instance → Connect, scan the QR code), then test again',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'instance.status',
					value: 'connecting',
					message:
						'The token works, but the uazapi instance is still connecting (waiting for its QR code or pairing code): finish connecting it in the uazapi panel, then test again',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'instance.status',
					value: 'hibernated',
					message:
						'The token works, but the uazapi instance is hibernated: reconnect it in the uazapi panel, then test again',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status.connected',
					value: false,
					message:
						'The token works, but the uazapi instance is not connected to WhatsApp: connect it in the uazapi panel (scan the QR code), then test again',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status.loggedIn',
					value: false,
					message:
						'The token works, but the uazapi instance is not logged in to WhatsApp: scan its QR code (or enter the pairing code) in the uazapi panel, then test again',
				},
			},
		],
	};
}
