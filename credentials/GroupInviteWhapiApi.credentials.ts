import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
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
		'https://github.com/whatsapp-group-invite/n8n-nodes-whatsapp-group-invite#whapicloud';

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

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.token}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.baseUrl).replace(/\\/+$/, "") }}',
			url: '/limits',
			method: 'GET',
		},
	};
}
