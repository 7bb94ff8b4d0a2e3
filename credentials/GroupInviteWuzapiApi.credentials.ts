import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class GroupInviteWuzapiApi implements ICredentialType {
	name = 'groupInviteWuzapiApi';

	displayName = 'Wuzapi API';

	icon = {
		light: 'file:../icons/whatsappGroupInvite.svg',
		dark: 'file:../icons/whatsappGroupInvite.dark.svg',
	} as const;

	documentationUrl = 'https://github.com/whatsapp-group-invite/n8n-nodes-whatsapp-group-invite/blob/main/docs/providers/wuzapi.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. http://localhost:8080',
			description: 'The address of your Wuzapi server (self-hosted; its default port is 8080), without any path',
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"The Wuzapi user's token: the one set when the user was created (Wuzapi dashboard, or POST /admin/users). Not the admin token (WUZAPI_ADMIN_TOKEN). Sent as the token header.",
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

	// GET /session/status (asternic/wuzapi@79ee4cd routes.go:76, handlers.go:600-624; 1.0.9: handlers.go@
	// 02a462c GetStatus): the node can work only when the session is connected and logged in. Wuzapi 1.0.9
	// spells the keys connected/loggedIn (and answers 200 false/false without a session), older servers
	// Connected/LoggedIn (and 500 "No session"). Each rule fails the Test when its key is false.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.baseUrl).replace(/\\/+$/, "") }}',
			url: '/session/status',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'data.connected',
					value: false,
					message:
						'The token works, but the Wuzapi session is not connected to WhatsApp: connect it (POST /session/connect) and scan the QR code (GET /session/qr), then test again',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'data.loggedIn',
					value: false,
					message:
						'The token works, but the Wuzapi session is not logged in to WhatsApp: scan its QR code (GET /session/qr) with WhatsApp on the phone, then test again',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'data.Connected',
					value: false,
					message:
						'The token works, but the Wuzapi session is not connected to WhatsApp: connect it (POST /session/connect) and scan the QR code (GET /session/qr), then test again',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'data.LoggedIn',
					value: false,
					message:
						'The token works, but the Wuzapi session is not logged in to WhatsApp: scan its QR code (GET /session/qr) with WhatsApp on the phone, then test again',
				},
			},
		],
	};
}
