// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt

const HOUSEHOLD_STATUS_COLOURS = {
	Announced: "gray",
	"Under Review": "orange",
	"Allocation Approved": "blue",
	"Moved In": "purple",
	Settled: "green",
	"Moved Out": "darkgrey",
	Archived: "darkgrey",
};

frappe.listview_settings["Refugee Household"] = {
	add_fields: ["status"],
	has_indicator_for_draft: true,
	get_indicator(doc) {
		return [__(doc.status, null, "Refugee Household"), HOUSEHOLD_STATUS_COLOURS[doc.status] || "gray", "status,=," + doc.status];
	},
};
