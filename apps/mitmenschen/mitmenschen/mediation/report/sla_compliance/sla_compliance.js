// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt
// Filters and the total-row formatter: public/js/evidence_filters.js

frappe.query_reports["SLA Compliance"] = {
	filters: mitmenschen.evidence.filters(
		mitmenschen.evidence.select("view", __("View"), ["Category", "Priority", "Month", "Breaches"], "Category")
	),
	formatter: mitmenschen.evidence.bold_totals,
};
