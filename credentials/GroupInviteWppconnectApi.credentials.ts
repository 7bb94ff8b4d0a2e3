import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class GroupInviteWppconnectApi implements ICredentialType {
	name = 'groupInviteWppconnectApi';

	displayName = 'WPPConnect Server API';

	icon = {
		light: 'file:../icons/whatsappGroupInvite.svg',
		dark: 'file:../icons/whatsappGroupInvite.dark.svg',
	} as const;

	documentationUrl =
		'https://github.com/whatsapp-group-invite/n8n-nodes-whatsapp-group-invite/blob/main/docs/providers/wppconnect.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. http://localhost:21465',
			description:
				'The address of your WPPConnect Server (self-hosted; its default port is 21465), without /api or any other path',
		},
		{
			displayName: 'Session',
			name: 'session',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. my-session',
			description:
				'The session name: the one in the server\'s URLs (/api/{session}/…) and the one the token was generated for',
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The session\'s token: the "token" value that POST /api/{session}/{SECRET_KEY}/generate-token answers (SECRET_KEY is in the server\'s config). Its "full" value (session:token) also works. Sent as the Authorization: Bearer header.',
		},
	];

	// The server reads the token after the first space (src/middleware/auth.ts), so "Bearer <token>"; a
	// "full" value ("session:token") is cut to its token.
	// A function rather than n8n's generic {{$credentials…}} form: n8n would evaluate those expressions
	// for every request (about 0.1 ms each, measured in real n8n with scripts/bench/real-n8n.js).
	authenticate: IAuthenticate = async (credentials, requestOptions): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		headers: {
			...requestOptions.headers,
			Authorization: `Bearer ${String(credentials.token ?? '').trim().split(':').pop() ?? ''}`,
		},
	});

	// status-session runs only the token check and reports the session's state (wppconnect-server@348a672
	// src/routes/index.ts:176-180, src/controller/sessionController.ts:482-520; the states are set in
	// src/util/createSessionUtil.ts: INITIALIZING, QRCODE, PHONECODE, CONNECTED, CLOSED): only CONNECTED
	// can get or reset links; with no client for the session it answers CLOSED. check-connection-session
	// is not used: it answers "Connected" whenever a client object exists (sessionController.ts:343-365).
	// A CONNECTED answer may still carry an old QR code (urlcode is never cleared): ignored.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.baseUrl).replace(/\\/+$/, "") }}',
			url: '=/api/{{ encodeURIComponent(String($credentials.session).trim()) }}/status-session',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 'CLOSED',
					message:
						'The token works, but the WPPConnect session is not running (status CLOSED): start it with POST /api/{session}/start-session and scan the QR code, then test again',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 'INITIALIZING',
					message: 'The token works, but the WPPConnect session is still starting (status INITIALIZING): wait a moment and test again',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 'QRCODE',
					message:
						'The token works, but the WPPConnect session is waiting for its QR code (status QRCODE): scan it with WhatsApp on the phone (GET /api/{session}/qrcode-session shows it), then test again',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 'PHONECODE',
					message:
						'The token works, but the WPPConnect session is waiting for its pairing code (status PHONECODE): enter it in WhatsApp on the phone (Linked devices → Link with phone number), then test again',
				},
			},
		],
	};
}
