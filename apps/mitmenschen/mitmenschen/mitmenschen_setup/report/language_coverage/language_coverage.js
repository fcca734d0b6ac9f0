// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt

frappe.query_reports["Language Coverage"] = {
	filters: [
		{ fieldname: "language", label: __("Language"), fieldtype: "Link", options: "Language" },
		{
			fieldname: "view",
			label: __("View", null, "Language Coverage"),
			fieldtype: "Select",
			options: [
				{ value: "Summary", label: __("Summary") },
				{ value: "Strings", label: __("Strings") },
			],
			default: "Summary",
		},
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: [
				"",
				{ value: "Missing", label: __("Missing") },
				{ value: "Outdated", label: __("Outdated") },
				{ value: "To Be Checked", label: __("To Be Checked") },
				{ value: "Checked", label: __("Checked") },
			],
			depends_on: "eval:doc.view == 'Strings'",
		},
	],
	formatter(value, row, column, data, default_formatter) {
		value = default_formatter(value, row, column, data);
		if (!data) return value;
		if (["missing", "outdated"].includes(column.fieldname) && data[column.fieldname] > 0) {
			value = `<span class="text-danger bold">${value}</span>`;
		}
		if (column.fieldname === "translation" && !data.translation && data.source_text) {
			// a new Translation record, filled in: the volunteer corrects the text and ticks "checked"
			const params = new URLSearchParams({
				language: frappe.query_report.get_filter_value("language"),
				source_text: data.source_text,
				translated_text: data.translated_text || "",
			});
			if (data.context) params.set("context", data.context);
			value = `<a href="/app/translation/new?${params.toString()}">${__("Translate or check")}</a>`;
		}
		return value;
	},
};
