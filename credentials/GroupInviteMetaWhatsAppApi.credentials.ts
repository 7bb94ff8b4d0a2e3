import type {
	IAuthenticate,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Meta WhatsApp Cloud API (the official API), for its Groups API. Named `groupInviteMetaWhatsAppApi`,
 * not `metaWhatsAppApi`: n8n keeps credential types in one namespace for every installed package, so
 * every credential type of this package starts with `groupInvite`.
 */
export class GroupInviteMetaWhatsAppApi implements ICredentialType {
	name = 'groupInviteMetaWhatsAppApi';

	displayName = 'Meta WhatsApp Cloud API';

	icon = {
		light: 'file:../icons/whatsappGroupInvite.svg',
		dark: 'file:../icons/whatsappGroupInvite.dark.svg',
	} as const;

	documentationUrl =
		'https://github.com/whatsapp-group-invite/n8n-nodes-whatsapp-group-invite/blob/main/docs/providers/metaCloudApi.md';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A System User access token (it does not expire) with the whatsapp_business_management and whatsapp_business_messaging permissions: Meta Business Settings → Users → System users → Generate new token (assign the WhatsApp Business Account to that System User first). The temporary token in the App Dashboard → WhatsApp → API Setup also works, for 24 hours. Sent as the Authorization: Bearer header.',
		},
		{
			displayName: 'Phone Number ID',
			name: 'phoneNumberId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 106540352242922',
			description:
				"The ID of the business phone number (not the phone number itself): App Dashboard → WhatsApp → API Setup → Phone number ID, or WhatsApp Manager → Account tools → Phone numbers. The group list is this number's groups.",
		},
		{
			displayName: 'Graph API Version',
			name: 'graphVersion',
			type: 'string',
			default: 'v26.0',
			placeholder: 'e.g. v26.0',
			description: 'The Graph API version in every request path. The Groups API needs v23.0 or later.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://graph.facebook.com',
			description: 'Change only for a proxy host',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Only for the WhatsApp Group Trigger: the Meta app's App Secret (App Dashboard → App settings → Basic). When set, the trigger accepts only requests whose X-Hub-Signature-256 matches it.",
		},
		{
			displayName: 'Verify Token',
			name: 'verifyToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Only for the WhatsApp Group Trigger: a value of your choice, given to Meta as the Verify token beside the Callback URL (App Dashboard → WhatsApp → Configuration). The trigger answers Meta's verification request only when it matches.",
		},
	];

	// A function rather than n8n's generic {{$credentials…}} form: n8n would evaluate those expressions
	// for every request (about 0.1 ms each, measured in real n8n with scripts/bench/real-n8n.js).
	authenticate: IAuthenticate = async (credentials, requestOptions): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		headers: {
			...requestOptions.headers,
			Authorization: `Bearer ${String(credentials.accessToken ?? '')}`,
		},
	});

	// Reads the phone number itself: proves that the token is valid (190 otherwise, HTTP 401) and may
	// access this number (100/33 for a wrong ID or a token without access, HTTP 400; 10 or 200 for a
	// missing permission, HTTP 403). Meta's message says which.
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.baseUrl).replace(/\\/+$/, "") }}',
			url: '=/{{ String($credentials.graphVersion || "v26.0").trim().replace(/^(?=\\d)/, "v") }}/{{ encodeURIComponent(String($credentials.phoneNumberId || "").trim()) }}',
			qs: { fields: 'id,display_phone_number,verified_name' },
			method: 'GET',
		},
	};
}
