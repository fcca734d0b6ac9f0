// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt

frappe.query_reports["Mediator Allowance"] = {
	filters: [
		{ fieldname: "mediator", label: __("Mediator"), fieldtype: "Link", options: "Language Mediator" },
		{ fieldname: "month", label: __("Month"), fieldtype: "Date", default: frappe.datetime.get_today(), reqd: 1 },
	],
	onload(report) {
		report.page.add_inner_button(__("CSV for Bookkeeping"), () => {
			const { mediator, month } = report.get_values() || {};
			if (!mediator) return;
			window.open(
				frappe.urllib.get_full_url(
					`/api/method/mitmenschen.interpreting.report.mediator_allowance.mediator_allowance.download_csv?mediator=${encodeURIComponent(mediator)}&month=${encodeURIComponent(month)}`
				)
			);
		});
	},
};
