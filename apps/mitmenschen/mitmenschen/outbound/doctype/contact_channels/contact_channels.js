// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt

// A new record starts in the person's language (a household's first language), not in the clerk's own
// desk language that Frappe puts into every field named `language`.
frappe.ui.form.on("Contact Channels", {
	onload(frm) {
		if (frm.is_new() && frm.doc.party) {
			// Frappe sets every link of a new form once more after the first requests (trigger_link_fields),
			// the desk's German among them; answered after ours, that late "de" won. No default: nothing to set.
			frm.doc.language = null;
			fill_language_from_party(frm);
		}
	},
	party(frm) {
		if (frm.is_new()) fill_language_from_party(frm);
	},
});

function fill_language_from_party(frm) {
	if (!(frm.doc.party_doctype && frm.doc.party)) return;
	frappe
		.call({
			method: "mitmenschen.outbound.consent.party_language",
			args: { doctype: frm.doc.party_doctype, name: frm.doc.party },
		})
		.then((r) => frm.set_value("language", r.message || ""));
}
