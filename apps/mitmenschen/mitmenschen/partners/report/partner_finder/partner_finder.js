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

// Opened again without a filter in its URL (the workspace's shortcut, the sidebar), Frappe keeps the
// report as it was: the finder showed the last case's partners under a URL without filters. The finder is
// a search, so its URL is what the clerk asked for: no filter there, none in the fields. A URL with
// filters is applied by Frappe itself (route options), and the browser's back button brings the URL a
// search wrote, filters included.
if (!frappe.mm_partner_finder_follows_url) {
	frappe.mm_partner_finder_follows_url = true;
	frappe.router.on("change", () => {
		const [view, name] = frappe.get_route();
		const report = frappe.query_report;
		if (view !== "query-report" || name !== "Partner Finder" || frappe.has_route_options()) return;
		// only when the finder was already on screen: Frappe then leaves it as it was
		if (!report || report.report_name !== "Partner Finder" || !report.filters) return;
		report.init().then(() => {
			const set = report.filters.filter((filter) => filter.get_value());
			if (!set.length) return;
			frappe.run_serially([
				() => (report._no_refresh = true),
				...set.map((filter) => () => filter.set_value("")),
				() => (report._no_refresh = false),
				() => report.refresh(),
			]);
		});
	});
}
