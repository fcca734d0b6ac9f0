// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt

frappe.query_reports["Partner Finder"] = {
	filters: [
		{ fieldname: "category", label: __("Case Category"), fieldtype: "Link", options: "Case Category" },
		{
			fieldname: "district",
			label: __("District"),
			fieldtype: "Link",
			options: "Location",
			get_query: () => ({ filters: { is_group: 1 } }),
		},
		{ fieldname: "language", label: __("Language"), fieldtype: "Link", options: "Language" },
		{ fieldname: "service_type", label: __("Service Type"), fieldtype: "Link", options: "Service Type" },
	],
	onload(report) {
		// The district filter follows the property doctype chosen in the settings.
		frappe.db.get_single_value("Mitmenschen Settings", "property_doctype").then((doctype) => {
			const filter = report.get_filter("district");
			if (doctype && doctype !== "Location") {
				filter.df.options = doctype;
				filter.df.get_query = null;
				filter.refresh();
			}
		});
	},
};
