// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt

const CASE_STATUS_COLOURS = {
	New: "red",
	Triaged: "orange",
	"In Mediation": "blue",
	"Resolution Proposed": "purple",
	Closed: "green",
	Reopened: "red",
};

frappe.listview_settings["Mediation Case"] = {
	add_fields: ["status", "priority", "sla_status"],
	has_indicator_for_draft: true,
	get_indicator(doc) {
		return [__(doc.status, null, "Mediation Case"), CASE_STATUS_COLOURS[doc.status] || "gray", "status,=," + doc.status];
	},
};
