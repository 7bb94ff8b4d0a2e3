import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

export class GroupInviteEvolutionApi implements ICredentialType {
	name = 'groupInviteEvolutionApi';

	displayName = 'Evolution API';

	icon = {
		light: 'file:../icons/whatsappGroupInvite.svg',
		dark: 'file:../icons/whatsappGroupInvite.dark.svg',
	} as const;

	documentationUrl =
		'https://github.com/whatsapp-group-invite/n8n-nodes-whatsapp-group-invite/blob/main/docs/providers/evolutionApi.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. https://evolution.example.com',
			description:
				'The address of your Evolution API server (self-hosted): the SERVER_URL it was installed with, without any path',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"The server's global API key (AUTHENTICATION_API_KEY in its environment) or this instance's token (Evolution Manager → Instances → your instance). Sent as the apikey header.",
		},
		{
			displayName: 'Instance Name',
			name: 'instanceName',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. my-instance',
			description: 'The name of the instance, as shown in the Evolution Manager → Instances (the name, not its ID)',
		},
	];

	// A function rather than n8n's generic {{$credentials…}} form: n8n would evaluate those expressions
	// for every request (about 0.1 ms each, measured in real n8n with scripts/bench/real-n8n.js).
	authenticate: IAuthenticate = async (credentials, requestOptions): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		headers: {
			...requestOptions.headers,
			apikey: String(credentials.apiKey ?? ''),
		},
	});

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.baseUrl).replace(/\\/+$/, "") }}',
			url: '=/instance/connectionState/{{ encodeURIComponent(String($credentials.instanceName).trim()) }}',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'instance.state',
					value: 'close',
					message:
						'The API key works, but the Evolution API instance is not connected to WhatsApp (state "close"): connect it in the Evolution Manager by scanning the QR code',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'instance.state',
					value: 'connecting',
					message:
						'The API key works, but the Evolution API instance is still connecting to WhatsApp (state "connecting"): finish scanning the QR code in the Evolution Manager, then test again',
				},
			},
		],
	};
}
