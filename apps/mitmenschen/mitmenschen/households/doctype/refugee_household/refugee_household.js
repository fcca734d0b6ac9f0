// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Refugee Household", {
	setup(frm) {
		frm.set_query("property_unit", () => (frm.doc.property_doctype === "Location" ? { filters: { is_group: 0 } } : {}));
		frm.set_query("district", () => (frm.doc.property_doctype === "Location" ? { filters: { is_group: 1 } } : {}));
	},
	refresh(frm) {
		const invalid = (frm.doc.consents || []).filter(
			(row) => row.withdrawn_on || (row.expires_on && row.expires_on < frappe.datetime.get_today())
		);
		if (invalid.length) {
			frm.dashboard.set_headline_alert(
				__("{0} consent(s) withdrawn or expired.", [invalid.length]),
				"orange"
			);
		}
		add_data_protection_buttons(frm);
		add_house_rules_buttons(frm);
	},
});

// House rules: sent in the household's language (or printed for a home visit), explained in person.
const HOUSE_RULES_API = "mitmenschen.households.house_rules_sending.";

function add_house_rules_buttons(frm) {
	if (frm.is_new() || !frm.perm[0]?.write) {
		return;
	}
	const group = __("House Rules");
	frm.add_custom_button(__("Send House Rules"), () => send_house_rules_dialog(frm), group);
	frm.add_custom_button(__("Record Explanation"), () => record_explanation_dialog(frm), group);
}

function house_rules_options(frm, values = {}) {
	return frappe
		.call({
			method: HOUSE_RULES_API + "send_options",
			args: { household: frm.doc.name, house_rules: values.house_rules, language: values.language },
		})
		.then((r) => r.message);
}

function describe_options(options) {
	const parts = [];
	if (options.fallback) {
		parts.push(
			`<p class="text-warning">${__(
				"There is no translation into {0}: the household gets German and English, and a note is left on the household.",
				[frappe.utils.escape_html(options.language)]
			)}</p>`
		);
	} else if (options.status) {
		const colour = { Checked: "green", Outdated: "red" }[options.status] || "orange";
		parts.push(`<p><span class="indicator-pill ${colour}">${__(options.status, null, "House Rules Translation")}</span></p>`);
	}
	if (options.outdated.length) {
		parts.push(`<p class="text-danger">${__("The German text changed after this translation was checked.")}</p>`);
	}
	return parts.join("");
}

function send_house_rules_dialog(frm) {
	house_rules_options(frm).then((options) => {
		let current = options;
		const dialog = new frappe.ui.Dialog({
			title: __("Send House Rules"),
			fields: [
				{ fieldname: "house_rules", fieldtype: "Link", options: "House Rules", label: __("Version", null, "House Rules Explanation"), reqd: 1, default: options.house_rules, onchange: () => refresh() },
				{ fieldname: "language", fieldtype: "Link", options: "Language", label: __("Language"), reqd: 1, default: options.language, onchange: () => refresh() },
				{ fieldname: "status_html", fieldtype: "HTML", options: describe_options(options) },
				{ fieldname: "recipient_note", fieldtype: "HTML", depends_on: "eval:doc.channel !== 'Agreed Channel'", options: options.recipient ? "<div></div>" : `<p class="text-muted">${__(
					"No email address is known for this household (its tenant record, a contact or a portal user): print the house rules for a home visit, or enter an address."
				)}</p>` },
				// without a known address, printing for a home visit is what the clerk can do
				// a household with contact channels gets them on its consented channel (SMS, WhatsApp, email or letter)
				{ fieldname: "channel", fieldtype: "Select", label: __("Channel"), reqd: 1, default: options.agreed ? "Agreed Channel" : options.recipient ? "Email" : "Print", options: [
					...(options.agreed ? [{ value: "Agreed Channel", label: __("Its agreed channel: {0}", [__(options.agreed[0])]) }] : []),
					{ value: "Email", label: __("Email") },
					{ value: "Print", label: __("Print for a home visit") },
				] },
				{ fieldname: "recipient", fieldtype: "Data", options: "Email", label: __("Recipient"), default: options.recipient, depends_on: "eval:doc.channel === 'Email'", mandatory_depends_on: "eval:doc.channel === 'Email'" },
			],
			primary_action_label: __("Send"),
			primary_action(values) {
				const send = (confirmed) =>
					frappe
						.call({
							method: HOUSE_RULES_API + "send_house_rules",
							args: { household: frm.doc.name, ...values, confirm_outdated: confirmed ? 1 : 0 },
							freeze: true,
						})
						.then((r) => {
							dialog.hide();
							if (r.message.pdf_url) {
								window.open(r.message.pdf_url);
							}
							frappe.show_alert({
								message: values.channel === "Print" ? __("House rules recorded as printed.") : r.message.already ? __("These house rules were already sent to this household.") : __("House rules queued for sending."),
								indicator: "green",
							});
							frm.reload_doc();
						});
				if (current.outdated.length) {
					frappe.confirm(__("The translation was checked against an older German text. Send it anyway?"), () => send(true));
				} else {
					send(false);
				}
			},
		});
		function refresh() {
			const values = dialog.get_values(true);
			if (!values.house_rules || !values.language) {
				return;
			}
			house_rules_options(frm, values).then((next) => {
				current = next;
				dialog.fields_dict.status_html.$wrapper.html(describe_options(next));
			});
		}
		dialog.show();
	});
}

function record_explanation_dialog(frm) {
	house_rules_options(frm).then((options) => {
		const members = (frm.doc.members || []).map((member) => member.member_name).filter(Boolean);
		const dialog = new frappe.ui.Dialog({
			title: __("Record Explanation"),
			fields: [
				{ fieldname: "explained_on", fieldtype: "Date", label: __("Explained On"), reqd: 1, default: frappe.datetime.get_today() },
				{ fieldname: "house_rules", fieldtype: "Link", options: "House Rules", label: __("Version", null, "House Rules Explanation"), reqd: 1, default: options.house_rules },
				{ fieldname: "language", fieldtype: "Link", options: "Language", label: __("Language"), reqd: 1, default: options.language },
				{ fieldname: "explained_by", fieldtype: "Link", options: "User", label: __("Explained By"), default: frappe.session.user },
				{ fieldname: "column_break", fieldtype: "Column Break" },
				{ fieldname: "interpreter_used", fieldtype: "Check", label: __("Interpreter Used") },
				{ fieldname: "interpreter", fieldtype: "Data", label: __("Interpreter", null, "House Rules Explanation"), depends_on: "interpreter_used" },
				{ fieldname: "acknowledged_by", fieldtype: "Select", label: __("Acknowledged By"), options: [""].concat(members) },
			],
			primary_action_label: __("Record"),
			primary_action(values) {
				frappe
					.call({
						method: HOUSE_RULES_API + "record_explanation",
						args: { household: frm.doc.name, ...values },
						freeze: true,
					})
					.then(() => {
						dialog.hide();
						frappe.show_alert({ message: __("Explanation recorded."), indicator: "green" });
						frm.reload_doc();
					});
			},
		});
		dialog.show();
	});
}

// Art. 15 export and Art. 17 erasure: managers answer a family's data-protection request.
const DATA_PROTECTION_ROLES = ["Mit:Menschen Manager", "System Manager"];
const ERASURE_REASONS = [
	{ value: "Request of the data subject", label: __("Request of the data subject") },
	{ value: "Consent withdrawn", label: __("Consent withdrawn") },
	{ value: "Data no longer needed", label: __("Data no longer needed") },
	{ value: "Unlawful processing", label: __("Unlawful processing") },
	{ value: "Legal obligation", label: __("Legal obligation") },
];

function add_data_protection_buttons(frm) {
	if (frm.is_new() || !DATA_PROTECTION_ROLES.some((role) => frappe.user.has_role(role))) {
		return;
	}
	const group = __("Data Protection");
	frm.add_custom_button(
		__("Export Personal Data"),
		() => {
			window.open(
				"/api/method/mitmenschen.privacy.subject_access.download_household_data?household=" +
					encodeURIComponent(frm.doc.name)
			);
		},
		group
	);
	frm.add_custom_button(__("Erase Personal Data"), () => confirm_erasure(frm), group);
}

function confirm_erasure(frm) {
	const dialog = new frappe.ui.Dialog({
		title: __("Erase Personal Data"),
		fields: [
			{
				fieldtype: "HTML",
				options: `<p class="text-danger">${__(
					"The household, its members, consents and documents, and all cases about it are anonymised. This cannot be undone."
				)}</p>`,
			},
			{
				fieldname: "reason",
				fieldtype: "Select",
				label: __("Reason"),
				options: ERASURE_REASONS,
				reqd: 1,
			},
			{
				fieldname: "confirmed",
				fieldtype: "Check",
				label: __("I have checked the request and want to erase the data"),
			},
		],
		primary_action_label: __("Erase"),
		primary_action(values) {
			if (!values.confirmed) {
				frappe.msgprint(__("Please confirm the erasure."));
				return;
			}
			frappe
				.call({
					method: "mitmenschen.privacy.subject_access.erase_household",
					args: { household: frm.doc.name, reason: values.reason },
					freeze: true,
				})
				.then((r) => {
					dialog.hide();
					frappe.show_alert({
						message: __("Personal data erased; {0} case(s) anonymised.", [r.message.cases]),
						indicator: "green",
					});
					frm.reload_doc();
				});
		},
	});
	dialog.show();
}
