// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt
// Filters and the total-row formatter: public/js/evidence_filters.js

frappe.query_reports["Case Statistics"] = {
	filters: mitmenschen.evidence.filters(
		mitmenschen.evidence.select("group_by", __("Split By"), ["", "Category", "District"])
	),
	formatter: mitmenschen.evidence.bold_totals,
};
