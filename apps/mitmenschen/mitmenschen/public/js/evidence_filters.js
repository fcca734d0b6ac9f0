// The round table's reports (case statistics, SLA, recurrences, referrals, satisfaction) share one
// set of filters — the period (six months by default), district, category, partner — and show their
// total rows in bold. Loaded with the desk (app_include_js) so each report's script stays a few lines.
frappe.provide("mitmenschen.evidence");

mitmenschen.evidence.filters = (...extra) => [
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
	...extra,
];

mitmenschen.evidence.select = (fieldname, label, values, default_value) => ({
	fieldname,
	label, // translated by the caller, where the string extractor sees it
	fieldtype: "Select",
	options: values.map((value) => ({ value, label: __(value) })),
	default: default_value,
});

mitmenschen.evidence.bold_totals = (value, row, column, data, default_formatter) => {
	value = default_formatter(value, row, column, data);
	return data && data.bold ? `<b>${value}</b>` : value;
};
