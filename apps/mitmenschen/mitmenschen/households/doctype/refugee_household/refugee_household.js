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
	},
});
