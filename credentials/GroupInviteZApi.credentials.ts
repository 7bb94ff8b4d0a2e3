import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class GroupInviteZApi implements ICredentialType {
	name = 'groupInviteZApi';

	displayName = 'Z-API WhatsApp API';

	icon = {
		light: 'file:../icons/whatsappGroupInvite.svg',
		dark: 'file:../icons/whatsappGroupInvite.dark.svg',
	} as const;

	documentationUrl =
		'https://github.com/whatsapp-group-invite/n8n-nodes-whatsapp-group-invite/blob/main/docs/providers/zApi.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Instance ID',
			name: 'instanceId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 3C4F2A9B8D7E6F5A4B3C2D1E0F9A8B7C',
			description: 'Z-API panel → Instances → your instance → "ID da instância" / Instance ID',
		},
		{
			displayName: 'Instance Token',
			name: 'instanceToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Z-API panel → Instances → your instance → "Token da instância" / Instance token',
		},
		{
			displayName: 'Client-Token',
			name: 'clientToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Account security token, from Z-API panel → Security ("Token de segurança da conta"). Required when the account has it turned on; sent as the Client-Token header.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.z-api.io',
			description: 'Change only for a regional or proxy host',
		},
	];

	// The instance ID and token travel in the URL path (built by the node); the Client-Token header
	// is added only when one is set, since accounts without a security token do not expect it.
	authenticate: IAuthenticate = async (credentials, requestOptions): Promise<IHttpRequestOptions> => {
		const clientToken = String(credentials.clientToken ?? '').trim();
		if (clientToken === '') return requestOptions;
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, 'Client-Token': clientToken },
		};
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ String($credentials.baseUrl).replace(/\\/+$/, "") }}/instances/{{ encodeURIComponent(String($credentials.instanceId).trim()) }}/token/{{ encodeURIComponent(String($credentials.instanceToken).trim()) }}',
			url: '/status',
			method: 'GET',
		},
		// Z-API docs (z-api-docs EN/instance/status.md): /status answers 200 either way, with
		// {connected: false, error: "You are not connected."} when the phone is not connected.
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'connected',
					value: false,
					message:
						'The instance ID and token work, but the Z-API instance is not connected to WhatsApp: open the instance in the Z-API dashboard, scan the QR code with the phone, then test again',
				},
			},
		],
	};
}
