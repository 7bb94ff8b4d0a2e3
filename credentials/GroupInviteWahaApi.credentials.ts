import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class GroupInviteWahaApi implements ICredentialType {
	name = 'groupInviteWahaApi';

	displayName = 'WAHA API';

	icon = {
		light: 'file:../icons/whatsappGroupInvite.svg',
		dark: 'file:../icons/whatsappGroupInvite.dark.svg',
	} as const;

	documentationUrl =
		'https://github.com/whatsapp-group-invite/n8n-nodes-whatsapp-group-invite/blob/main/docs/providers/waha.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. http://localhost:3000',
			description: 'The address of your WAHA server (self-hosted), without /api or any other path',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"The WAHA server's API key: the value of WAHA_API_KEY in its environment (WHATSAPP_API_KEY on older servers). When none is set, current WAHA generates a key at startup and prints it in its log: copy it from there. Leave empty only for a server that runs without a key. Sent as the X-Api-Key header.",
		},
		{
			displayName: 'Session',
			name: 'session',
			type: 'string',
			default: 'default',
			description:
				'The session name, as listed in the WAHA dashboard → Sessions. WAHA Core runs only the session "default".',
		},
		{
			displayName: 'Webhook Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Only for the WhatsApp Group Trigger: the key in the session webhook's hmac.key. When set, the trigger accepts only requests whose X-Webhook-Hmac (HMAC-SHA512 of the body) matches it. Leave empty when the webhook has no key.",
		},
	];

	// The X-Api-Key header is added only when a key is set: a WAHA server that runs without a key
	// (WAHA_API_KEY, formerly WHATSAPP_API_KEY) expects none.
	authenticate: IAuthenticate = async (credentials, requestOptions): Promise<IHttpRequestOptions> => {
		const apiKey = String(credentials.apiKey ?? '').trim();
		if (apiKey === '') return requestOptions;
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, 'X-Api-Key': apiKey },
		};
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.baseUrl).replace(/\\/+$/, "") }}',
			url: '=/api/sessions/{{ encodeURIComponent(String($credentials.session || "").trim() || "default") }}',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 'STOPPED',
					message:
						'The server answers, but the WAHA session is stopped: start it in the WAHA dashboard (Sessions → Start)',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 'STARTING',
					message: 'The server answers, but the WAHA session is still starting: wait a moment and test again',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 'SCAN_QR_CODE',
					message:
						'The server answers, but the WAHA session is waiting for its QR code to be scanned: scan it in the WAHA dashboard',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 'FAILED',
					message:
						'The server answers, but the WAHA session has failed: restart it in the WAHA dashboard (scan the QR code again if asked)',
				},
			},
		],
	};
}
