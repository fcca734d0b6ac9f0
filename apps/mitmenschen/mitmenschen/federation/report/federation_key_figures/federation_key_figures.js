// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt
// The members' anonymised figures of one period, combined (federation/figures.py).

frappe.query_reports["Federation Key Figures"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.month_start(), -5),
			reqd: 1,
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(), // the period a member exports by default (evidence/period.py)
			reqd: 1,
		},
	],
};
