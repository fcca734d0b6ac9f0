// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt
// Filters and the total-row formatter: public/js/evidence_filters.js

frappe.query_reports["Recurrence Hotspots"] = {
	filters: mitmenschen.evidence.filters(
		mitmenschen.evidence.select("level", __("Level"), ["Flat", "Building"], "Flat"),
		{ fieldname: "min_cases", label: __("Minimum Cases"), fieldtype: "Int", default: 2 }
	),
};
