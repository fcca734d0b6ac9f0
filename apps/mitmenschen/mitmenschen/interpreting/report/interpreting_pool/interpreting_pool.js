// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt

frappe.query_reports["Interpreting Pool"] = {
	filters: [
		{ fieldname: "from_date", label: __("From"), fieldtype: "Date", default: frappe.datetime.add_months(frappe.datetime.get_today(), -6) },
		{ fieldname: "to_date", label: __("To"), fieldtype: "Date", default: frappe.datetime.get_today() },
	],
};
