// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt

frappe.query_reports["Recurrence Hotspots"] = {
	filters: [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: frappe.datetime.add_months(frappe.datetime.month_start(), -5),
			reqd: 1,
		},
		{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
		{
			fieldname: "district",
			label: __("District"),
			fieldtype: "Link",
			options: "Location",
			get_query: () => ({ filters: { is_group: 1 } }),
		},
		{ fieldname: "category", label: __("Case Category"), fieldtype: "Link", options: "Case Category" },
		{ fieldname: "partner", label: __("Partner Organisation"), fieldtype: "Link", options: "Partner Organisation" },
		{
			fieldname: "level",
			label: __("Level"),
			fieldtype: "Select",
			options: ["Flat", "Building"].map((value) => ({ value, label: __(value) })),
			default: "Flat",
		},
		{ fieldname: "min_cases", label: __("Minimum Cases"), fieldtype: "Int", default: 2 },
	],
};
