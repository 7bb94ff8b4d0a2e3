// @ts-check
'use strict';
/**
 * whatsmeow's GroupInfo as gateways built on it (Wuzapi, GOWA) serialise it: no json tags, so the Go
 * field names (tulir/whatsmeow@33cfac5 types/group.go), JIDs as strings. The connected number is
 * ME; in LID-addressed groups every participant's JID is its LID and PhoneNumber its phone number.
 */

const ME = '5511999999999';
const ME_LID = '201234567890123';
const OTHER = '5511888888888';
const OTHER_LID = '209876543210987';

/**
 * @param {string} gid the group id before @g.us
 * @param {import('./index').SimGroup} g
 * @param {{ lid?: boolean, participantCount?: boolean }} [options] `participantCount: false` gives
 *   ParticipantCount 0 (WhatsApp sent no size), as whatsmeow does then
 */
function groupInfo(gid, g, options = {}) {
	const lid = options.lid === true;
	/** @param {string} pn @param {string} lidUser @param {boolean} admin @param {boolean} superAdmin */
	const participant = (pn, lidUser, admin, superAdmin) => ({
		JID: lid ? `${lidUser}@lid` : `${pn}@s.whatsapp.net`,
		PhoneNumber: lid ? `${pn}@s.whatsapp.net` : '',
		LID: lid ? '' : `${lidUser}@lid`,
		IsAdmin: admin || superAdmin,
		IsSuperAdmin: superAdmin,
		DisplayName: '',
		Error: 0,
		AddRequest: null,
	});
	const participants = [participant(ME, ME_LID, g.admin, false), participant(OTHER, OTHER_LID, false, !g.admin)];
	// The group's own size, padded with participants the simulator does not name.
	while (participants.length < g.size) {
		const n = String(participants.length).padStart(2, '0');
		participants.push(participant(`55119777777${n}`, `2055555555555${n}`, false, false));
	}
	return {
		JID: `${gid}@g.us`,
		OwnerJID: lid ? `${OTHER_LID}@lid` : `${OTHER}@s.whatsapp.net`,
		OwnerPN: `${OTHER}@s.whatsapp.net`,
		Name: g.name,
		NameSetAt: '2024-01-01T00:00:00Z',
		NameSetBy: `${OTHER}@s.whatsapp.net`,
		NameSetByPN: '',
		Topic: '',
		TopicID: '',
		TopicSetAt: '0001-01-01T00:00:00Z',
		TopicSetBy: '',
		TopicSetByPN: '',
		TopicDeleted: false,
		IsLocked: false,
		IsAnnounce: false,
		AnnounceVersionID: '',
		IsEphemeral: false,
		DisappearingTimer: 0,
		IsIncognito: false,
		IsParent: false,
		DefaultMembershipApprovalMode: '',
		LinkedParentJID: '',
		IsDefaultSubGroup: false,
		IsJoinApprovalRequired: false,
		AddressingMode: lid ? 'lid' : 'pn',
		GroupCreated: '2020-05-05T23:31:31Z',
		CreatorCountryCode: 'BR',
		ParticipantVersionID: '1700000000000000',
		Participants: participants,
		ParticipantCount: options.participantCount === false ? 0 : g.size,
		MemberAddMode: 'admin_add',
		Suspended: false,
	};
}

module.exports = { groupInfo, ME, ME_LID };
