// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt
// Filters and the total-row formatter: public/js/evidence_filters.js

frappe.query_reports["Reporter Satisfaction"] = {
	filters: mitmenschen.evidence.filters(),
	formatter: mitmenschen.evidence.bold_totals,
};
