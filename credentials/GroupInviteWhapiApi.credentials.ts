import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class GroupInviteWhapiApi implements ICredentialType {
	name = 'groupInviteWhapiApi';

	displayName = 'Whapi.Cloud API';

	icon = {
		light: 'file:../icons/whatsappGroupInvite.svg',
		dark: 'file:../icons/whatsappGroupInvite.dark.svg',
	} as const;

	documentationUrl =
		'https://github.com/whatsapp-group-invite/n8n-nodes-whatsapp-group-invite/blob/main/docs/providers/whapi.md';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"The channel's API token: Whapi.Cloud dashboard → your channel → API Token. Sent as the Authorization: Bearer header.",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://gate.whapi.cloud',
			description: 'Change only for a proxy host',
		},
	];

	// A function rather than n8n's generic {{$credentials…}} form: n8n would evaluate those expressions
	// for every request (about 0.1 ms each, measured in real n8n with scripts/bench/real-n8n.js).
	authenticate: IAuthenticate = async (credentials, requestOptions): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		headers: {
			...requestOptions.headers,
			Authorization: `Bearer ${String(credentials.token ?? '')}`,
		},
	});

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.baseUrl).replace(/\\/+$/, "") }}',
			// /health reports whether the channel is paired with a phone (status.text AUTH); /limits
			// answers for an unpaired channel too. An unknown token answers 404 "Channel not found".
			// Statuses per Whapi's OpenAPI 1.8.7 (ChannelStatus: NOT_INIT, INIT, LAUNCH, QR, AUTH, ERROR,
			// SYNC_ERROR; STOP is also seen): every one but AUTH fails with what to do.
			url: '/health',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status.text',
					value: 'QR',
					message:
						'The token works, but the Whapi.Cloud channel is not paired with a phone: open the channel in the Whapi.Cloud dashboard, scan the QR code with WhatsApp, then test again',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status.text',
					value: 'INIT',
					message: 'The token works, but the Whapi.Cloud channel is still starting: wait a minute and test again',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status.text',
					value: 'LAUNCH',
					message: 'The token works, but the Whapi.Cloud channel is still starting: wait a minute and test again',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status.text',
					value: 'STOP',
					message:
						'The token works, but the Whapi.Cloud channel is stopped: start it in the Whapi.Cloud dashboard (check that its plan or trial is active), then test again',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status.text',
					value: 'NOT_INIT',
					message:
						'The token works, but the Whapi.Cloud channel has not been started: start it in the Whapi.Cloud dashboard (check that its plan or trial is active), then test again',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status.text',
					value: 'ERROR',
					message:
						'The token works, but the Whapi.Cloud channel reports an error: restart it in the Whapi.Cloud dashboard (re-pair it with the phone if asked), then test again',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status.text',
					value: 'SYNC_ERROR',
					message:
						'The token works, but the Whapi.Cloud channel could not sync with the phone: check the phone is online, or re-pair the channel in the Whapi.Cloud dashboard, then test again',
				},
			},
		],
	};
}
