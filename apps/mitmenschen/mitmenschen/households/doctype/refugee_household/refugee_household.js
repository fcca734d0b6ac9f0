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
	},
});

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
