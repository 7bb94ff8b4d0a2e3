import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class GroupInviteWawpApi implements ICredentialType {
	name = 'groupInviteWawpApi';

	displayName = 'Wawp API';

	icon = {
		light: 'file:../icons/whatsappGroupInvite.svg',
		dark: 'file:../icons/whatsappGroupInvite.dark.svg',
	} as const;

	documentationUrl =
		'https://github.com/whatsapp-group-invite/n8n-nodes-whatsapp-group-invite/blob/main/docs/providers/wawp.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Instance ID',
			name: 'instanceId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 123456789',
			description: 'Wawp dashboard → Instances → your instance → Instance ID',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Wawp dashboard → API access → Access Token',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.wawp.net',
			description: 'Change only for a proxy host',
		},
	];

	// A function rather than n8n's generic {{$credentials…}} form: n8n would evaluate those expressions
	// for every request (about 0.1 ms each, measured in real n8n with scripts/bench/real-n8n.js).
	authenticate: IAuthenticate = async (credentials, requestOptions): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		qs: {
			...requestOptions.qs,
			instance_id: String(credentials.instanceId ?? ''),
			access_token: String(credentials.accessToken ?? ''),
		},
	});

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.baseUrl).replace(/\\/+$/, "") }}',
			url: '/v2/session/info',
			method: 'POST',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 'SCAN_QR_CODE',
					message:
						'The credentials work, but the Wawp instance is not linked to a phone (status SCAN_QR_CODE): open it in the Wawp dashboard, scan the QR code with WhatsApp, then test again',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 'STOPPED',
					message:
						'The credentials work, but the Wawp instance is stopped (status STOPPED): start it in the Wawp dashboard, then test again',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 'STARTING',
					message:
						'The credentials work, but the Wawp instance is still starting (status STARTING): wait a minute and test again; if it stays so, restart it in the Wawp dashboard',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 'FAILED',
					message:
						'The credentials work, but the Wawp instance has failed (status FAILED): restart it in the Wawp dashboard and scan the QR code again if asked, then test again',
				},
			},
		],
	};
}
