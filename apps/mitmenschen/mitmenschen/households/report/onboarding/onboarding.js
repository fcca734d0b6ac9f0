// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt

frappe.query_reports["Onboarding"] = {
	filters: [
		{ fieldname: "district", label: __("District"), fieldtype: "Data" },
		{ fieldname: "only_overdue", label: __("Only Overdue"), fieldtype: "Check" },
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (column.fieldname === "overdue_steps" && data && data.overdue_steps > 0) {
			value = `<span class="text-danger bold">${value}</span>`;
		}
		return value;
	},
};
