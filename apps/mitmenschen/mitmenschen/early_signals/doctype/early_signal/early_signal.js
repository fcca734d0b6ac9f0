// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt
// An offer, not a verdict: the clerk offers a talk, a referral (through the consent gate) or a letter
// in the family's language, and later records whether the family took it up (early_signals/offers.py).

const OFFERS = "mitmenschen.early_signals.offers";

frappe.ui.form.on("Early Signal", {
	refresh(frm) {
		frm.disable_save();
		if (frm.is_new()) return;
		frm.page.set_title(__(frm.doc.kind)); // the title field holds the kind's English value
		frm.add_custom_button(__("Letter (PDF)"), () => {
			window.open(`/api/method/${OFFERS}.download_letter?early_signal=${encodeURIComponent(frm.doc.name)}`);
		});
		if (!frm.perm[0] || !frm.perm[0].write) return;
		if (frm.doc.status === "Open") {
			const group = __("Offer Support");
			frm.add_custom_button(__("Talk"), () => offer_talk(frm), group);
			frm.add_custom_button(__("Referral to a Partner"), () => offer_referral(frm), group);
			frm.add_custom_button(__("Letter in the Family's Language"), () => offer_letter(frm), group);
			frm.page.set_inner_btn_group_as_primary(group);
		}
		if ((frm.doc.offers || []).some((row) => !row.answer)) {
			frm.add_custom_button(__("Record the Family's Answer"), () => record_answer(frm));
		}
	},
});

function call(frm, method, args, message) {
	return frappe
		.call({ method: `${OFFERS}.${method}`, args: { early_signal: frm.doc.name, ...args }, freeze: true })
		.then((r) => {
			frappe.show_alert({ message, indicator: "green" });
			frm.reload_doc();
			return r.message;
		});
}

function offer_talk(frm) {
	frappe.db.get_value("Refugee Household", frm.doc.household, "interpreter_needed").then(({ message }) => {
		const dialog = new frappe.ui.Dialog({
			title: __("Offer a Talk"),
			fields: [
				{
					fieldname: "with_language_mediator",
					fieldtype: "Check",
					label: __("With a Language Mediator"),
					default: message && message.interpreter_needed ? 1 : 0,
				},
			],
			primary_action_label: __("Record the Offer"),
			primary_action(values) {
				dialog.hide();
				call(frm, "offer_talk", values, __("Talk offered"));
			},
		});
		dialog.show();
	});
}

function offer_referral(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Referral to a Partner"),
		fields: [
			{
				fieldname: "need",
				fieldtype: "Select",
				label: __("Need"),
				reqd: 1,
				default: "Debt Counselling",
				options: [
					"Debt Counselling",
					"Social Counselling",
					"Kindergarten Place",
					"School Place",
					"Interpreter",
					"Language Course",
				].map((value) => ({ value, label: __(value) })),
			},
			{
				fieldname: "partner_organisation",
				fieldtype: "Link",
				label: __("Partner Organisation"),
				options: "Partner Organisation",
				reqd: 1,
				get_query: () => ({ filters: { status: "Active" } }),
			},
			{
				fieldname: "consent_override_reason",
				fieldtype: "Small Text",
				label: __("Reason to Refer Without Consent (Managers Only)"),
			},
		],
		primary_action_label: __("Refer"),
		primary_action(values) {
			dialog.hide();
			call(frm, "offer_referral", values, __("Referral requested"));
		},
	});
	dialog.show();
}

function offer_letter(frm) {
	call(frm, "offer_letter", {}, __("Letter offered")).then((row) => {
		if (row && row.print) {
			window.open(`/api/method/${OFFERS}.download_letter?early_signal=${encodeURIComponent(frm.doc.name)}`);
		}
	});
}

function record_answer(frm) {
	const open = (frm.doc.offers || []).filter((row) => !row.answer);
	const dialog = new frappe.ui.Dialog({
		title: __("Record the Family's Answer"),
		fields: [
			{
				fieldname: "offer",
				fieldtype: "Select",
				label: __("Offer"),
				reqd: 1,
				default: open[0].name,
				options: open.map((row) => ({
					value: row.name,
					label: `${__(row.offer_type)} · ${frappe.datetime.str_to_user(row.offered_on)}`,
				})),
			},
			{
				fieldname: "taken_up",
				fieldtype: "Select",
				label: __("Answer"),
				reqd: 1,
				options: [
					{ value: "1", label: __("Taken Up") },
					{ value: "0", label: __("Not Taken Up") },
				],
				default: "1",
			},
		],
		primary_action_label: __("Save"),
		primary_action(values) {
			dialog.hide();
			call(frm, "record_answer", values, __("Answer recorded"));
		},
	});
	dialog.show();
}
