import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class GroupInviteRyzeApi implements ICredentialType {
	name = 'groupInviteRyzeApi';

	displayName = 'RyzeAPI WhatsApp API';

	icon = {
		light: 'file:../icons/whatsappGroupInvite.svg',
		dark: 'file:../icons/whatsappGroupInvite.dark.svg',
	} as const;

	documentationUrl =
		'https://github.com/whatsapp-group-invite/n8n-nodes-whatsapp-group-invite/blob/main/docs/providers/ryzeApi.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Instance Name',
			name: 'instanceName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. my-instance',
			description: 'The name of the instance, as shown in the RyzeAPI panel → Instances',
		},
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"The instance's token (TokenInstance) or your account token (TokenAccount), from the RyzeAPI panel",
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://ryzeapi.cloud',
			description: 'Change only for a self-hosted or proxy host',
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

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.baseUrl).replace(/\\/+$/, "") }}',
			// The group list of this instance: the route the node's own calls share. RyzeAPI checks that the
			// token owns the instance in the path (403 for a TokenInstance of another instance, 404 for an
			// unknown name) and answers 400 "Instance is not connected to WhatsApp" when it is not connected
			// (docs.ryzeapi.cloud/en/api/groups/overview, /en/guide/errors). /api/instance/list cannot do
			// this: with a TokenInstance it ignores the instanceName filter (/en/api/instance/list), so a
			// misspelled name would pass.
			url: '=/api/group/list/{{ encodeURIComponent(String($credentials.instanceName).trim()) }}',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'success',
					value: false,
					message:
						'RyzeAPI answered, but with an error: check the Instance Name and that the instance is connected in the RyzeAPI panel → Instances',
				},
			},
		],
	};
}
