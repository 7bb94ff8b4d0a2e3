/**
 * The n8n contexts the transport serves: a node's run (IExecuteFunctions), the group picker
 * (ILoadOptionsFunctions), a trigger's webhook registration (IHookFunctions: checkExists, create,
 * delete) and a received webhook (IWebhookFunctions). Each has `getNode`, `getCredentials` and
 * `helpers.httpRequestWithAuthentication`.
 */
import type { IExecuteFunctions, IHookFunctions, ILoadOptionsFunctions, IWebhookFunctions } from 'n8n-workflow';

export type TransportContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;
