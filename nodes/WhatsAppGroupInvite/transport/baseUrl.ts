/**
 * The credential's Base URL, checked once per execution before any request: a clear error for an
 * empty, malformed or unsafe address instead of a confusing network failure.
 */
import type { ICredentialDataDecryptedObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ProviderAdapter } from '../providers/types';

/** Checks the credential's Base URL once per execution. */
export function checkBaseUrl(
	ctx: { getNode(): INode },
	adapter: ProviderAdapter,
	credentials: ICredentialDataDecryptedObject,
): string {
	const value = credentials.baseUrl;
	const where = `The Base URL of the ${adapter.name} credential`;
	if (typeof value !== 'string' || value.trim() === '') {
		throw new NodeOperationError(ctx.getNode(), `${where} is empty`, {
			description: `Set it to the address of your ${adapter.name} server or service, e.g. https://api.example.com (hosted providers pre-fill their default).`,
		});
	}
	let url: URL;
	try {
		url = new URL(value.trim());
	} catch {
		throw new NodeOperationError(ctx.getNode(), `${where} is not a valid URL`, {
			description: 'Use a full address such as https://api.example.com (with http:// or https://).',
		});
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw new NodeOperationError(ctx.getNode(), `${where} must start with https:// or http://`, {
			description: `It starts with ${url.protocol}//. Use the address of your ${adapter.name} server or service.`,
		});
	}
	if (url.username !== '' || url.password !== '') {
		throw new NodeOperationError(ctx.getNode(), `${where} contains a user name or password`, {
			description: 'Remove the "user:password@" part: tokens belong in the credential\'s own fields.',
		});
	}
	if (url.search !== '' || url.hash !== '') {
		throw new NodeOperationError(ctx.getNode(), `${where} contains a query string or fragment`, {
			description: 'Remove everything from "?" or "#" on.',
		});
	}
	return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
