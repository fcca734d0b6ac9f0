// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt

frappe.views.calendar["Round Table Meeting"] = {
	field_map: {
		start: "starts_on",
		end: "ends_on",
		id: "name",
		title: "title",
		allDay: 0,
	},
	order_by: "starts_on",
	get_events_method: "frappe.desk.calendar.get_events",
};
