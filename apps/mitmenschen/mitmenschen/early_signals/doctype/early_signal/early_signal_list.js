// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt
// One row per cause, newest first; no score and no ranking of households.

frappe.listview_settings["Early Signal"] = {
	add_fields: ["status", "kind", "first_offered_on"],
	filters: [["status", "=", "Open"]],
	// the kind is the title: shown in the clerk's language
	formatters: { kind: (value) => frappe.utils.escape_html(__(value || "")) },
	get_indicator(doc) {
		if (doc.status === "Cleared") return [__("Cleared"), "green", "status,=,Cleared"];
		if (doc.first_offered_on) return [__("Support Offered"), "blue", "status,=,Open"];
		return [__("Open"), "orange", "status,=,Open"];
	},
	onload(listview) {
		if (!frappe.model.can_write("Early Signal")) return;
		listview.page.add_inner_button(__("Check Now"), () =>
			frappe
				.call({ method: "mitmenschen.early_signals.offers.check_now", freeze: true })
				.then(() => listview.refresh())
		);
	},
};
