// The demo: starts the local vendor simulator (every provider's endpoints on 127.0.0.1), loads the
// built package the way n8n loads an installed community package, and runs a sample workflow
// through n8n's own engine (n8n-core WorkflowExecute) for each provider: three groups in, Get
// Invite Link, then Reset Invite Link with the previous link, printing the normalized items.
'use strict';
const { VendorSimulator } = require('../test/support/simulator');
const { runNode } = require('../test/support/harness');
const { VENDORS } = require('../test/support/vendors');

const PROVIDERS = [
	{ provider: 'zApi', name: 'Z-API', credentialType: 'groupInviteZApi' },
	{ provider: 'ryzeApi', name: 'RyzeAPI', credentialType: 'groupInviteRyzeApi' },
	{ provider: 'wawp', name: 'Wawp', credentialType: 'groupInviteWawpApi' },
	{ provider: 'evolutionApi', name: 'Evolution API', credentialType: 'groupInviteEvolutionApi' },
	{ provider: 'waha', name: 'WAHA', credentialType: 'groupInviteWahaApi' },
	{ provider: 'whapi', name: 'Whapi.Cloud', credentialType: 'groupInviteWhapiApi' },
	{ provider: 'metaCloudApi', name: 'Meta WhatsApp Cloud API', credentialType: 'groupInviteMetaWhatsAppApi' },
	{ provider: 'uazapi', name: 'uazapi', credentialType: 'groupInviteUazapiApi' },
	{ provider: 'evolutionGo', name: 'Evolution GO', credentialType: 'groupInviteEvolutionGoApi' },
	{ provider: 'wppconnect', name: 'WPPConnect Server', credentialType: 'groupInviteWppconnectApi' },
	{ provider: 'wuzapi', name: 'Wuzapi', credentialType: 'groupInviteWuzapiApi' },
	{ provider: 'gowa', name: 'GOWA', credentialType: 'groupInviteGowaApi' },
];
const IDS = ['120363019502650977', '120363025246125486', '5511999999999-1623281429'];
const GROUPS = ['120363019502650977@g.us', '120363025246125486-group', '5511999999999-1623281429'];

/** The three groups as each provider's user names them: WhatsApp group IDs, or Meta's own group IDs. */
function groupsFor(provider) {
	const groupRef = VENDORS.find((v) => v.id === provider)?.groupRef;
	return groupRef ? IDS.map(groupRef) : GROUPS;
}

async function main() {
	const sim = new VendorSimulator();
	const baseUrl = await sim.start();
	for (const id of IDS) sim.addGroup(id);
	console.log(`Vendor simulator listening on ${baseUrl} (${PROVIDERS.map((p) => p.name).join(', ')} endpoints)\n`);
	let failures = 0;
	try {
		for (const { provider, name, credentialType } of PROVIDERS) {
			const items = [...groupsFor(provider).map((groupId) => ({ groupId })), { groupId: '5511988887777' }];
			for (const [operation, options] of [
				['getInviteLink', {}],
				['resetInviteLink', { includePreviousLink: true }],
			]) {
				const result = await runNode({
					parameters: { provider, operation, groupId: '={{ $json.groupId }}', options },
					credentials: { [credentialType]: sim.credentials()[credentialType] },
					items,
					onError: 'continueRegularOutput',
				});
				console.log(`── ${name} · ${operation} · ${items.length} items in → ${result.output.length} items out (n8n status: ${result.status})`);
				for (const item of result.output) {
					console.log(`   [item ${item.pairedItem.item}] ${JSON.stringify(item.json)}`);
				}
				const links = result.output.filter((item) => !item.json.error).length;
				if (result.status !== 'success' || result.output.length !== items.length || links !== GROUPS.length) failures++;
				console.log('');
			}
		}
		console.log(`Requests the simulator received: ${sim.requests.length}`);
		console.log('The last item of each run is a phone number on purpose: it becomes an error item (Continue On Fail).');
	} finally {
		await sim.stop();
	}
	if (failures > 0) {
		console.error(`Demo FAILED: ${failures} run(s) did not give the expected items`);
		process.exit(1);
	}
	console.log(`Demo passed: ${PROVIDERS.length * 2} workflows, ${PROVIDERS.length} providers × Get / Reset, every item normalized.`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
