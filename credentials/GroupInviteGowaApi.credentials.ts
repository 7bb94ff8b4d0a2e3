import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class GroupInviteGowaApi implements ICredentialType {
	name = 'groupInviteGowaApi';

	displayName = 'GOWA API';

	icon = {
		light: 'file:../icons/whatsappGroupInvite.svg',
		dark: 'file:../icons/whatsappGroupInvite.dark.svg',
	} as const;

	documentationUrl = 'https://github.com/whatsapp-group-invite/n8n-nodes-whatsapp-group-invite/blob/main/docs/providers/gowa.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. http://localhost:3000',
			description:
				"The address of your GOWA server (go-whatsapp-web-multidevice, self-hosted; its default port is 3000), with its APP_BASE_PATH if it has one (e.g. http://localhost:3000/gowa)",
		},
		{
			displayName: 'Username',
			name: 'username',
			type: 'string',
			default: '',
			description:
				"Only for a server started with basic auth: the user part of one user:password pair of its APP_BASIC_AUTH (--basic-auth) setting. Leave empty for a server without it.",
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only for a server started with basic auth: the password of that pair. Username and Password are sent as HTTP Basic auth only when set.',
		},
		{
			displayName: 'Device ID',
			name: 'deviceId',
			type: 'string',
			default: '',
			placeholder: 'e.g. my-device',
			description:
				"The GOWA device to use, as listed by GET /app/devices or in GOWA's dashboard (its ID or its JID). Needed when the server runs several devices; leave empty for the only one. Sent as the X-Device-Id header.",
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Only for the WhatsApp Group Trigger with Webhook Setup Manual: the webhook secret GOWA signs its webhooks with (the device's webhook_secret, else the server's --webhook-secret). When set, a request whose X-Hub-Signature-256 does not match is refused. Not needed with Webhook Setup Replace, which sets its own secret.",
		},
	];

	// GOWA checks Basic auth only when it was started with APP_BASIC_AUTH (aldinokemal/
	// go-whatsapp-web-multidevice@51f7b19 src/cmd/rest.go:121-133): the Authorization header is sent only
	// when a user name or password is set. X-Device-Id is URL-decoded by the server
	// (src/ui/rest/middleware/device.go:34-38), so a value with "%", "+" or non-ASCII is encoded.
	authenticate: IAuthenticate = async (credentials, requestOptions): Promise<IHttpRequestOptions> => {
		const username = String(credentials.username ?? '').trim();
		const password = String(credentials.password ?? '');
		const deviceId = String(credentials.deviceId ?? '').trim();
		const headers: Record<string, string> = {};
		if (username !== '' || password !== '') {
			headers.Authorization = `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
		}
		if (deviceId !== '') {
			headers['X-Device-Id'] = /[^\x21-\x7e]|[%+]/.test(deviceId) ? encodeURIComponent(deviceId) : deviceId;
		}
		return { ...requestOptions, headers: { ...requestOptions.headers, ...headers } };
	};

	// GET /app/status (src/ui/rest/app.go:205-225, src/usecase/app.go:314-334): connected and logged in,
	// for the device in X-Device-Id (or the only one); false/false for a device never paired. Bad Basic
	// credentials answer 401, an unknown device 404 (src/ui/rest/middleware/device.go:43-53).
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.baseUrl).replace(/\\/+$/, "") }}',
			url: '/app/status',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'results.is_connected',
					value: false,
					message:
						"GOWA answers, but its WhatsApp device is not connected: log it in or reconnect it from GOWA's dashboard (scan the QR code), then test again",
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'results.is_logged_in',
					value: false,
					message:
						"GOWA answers, but its WhatsApp device is not logged in: scan the QR code in GOWA's dashboard (or use /app/login), then test again",
				},
			},
		],
	};
}
