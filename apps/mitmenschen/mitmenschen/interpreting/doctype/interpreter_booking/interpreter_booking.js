// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt

// The booking's afterwards: held (with the hours), no-show, cancelled; and a new search when nobody
// was found. Every button calls a typed, permission-checked method of interpreting/booking.py or offers.py.

const BOOKING_API = "mitmenschen.interpreting.booking.";

frappe.ui.form.on("Interpreter Booking", {
	refresh(frm) {
		if (frm.is_new() || !frm.perm[0] || !frm.perm[0].write) return;
		const status = frm.doc.status;
		const outcome = (outcome, hours, reason) =>
			frappe.xcall(BOOKING_API + "record_outcome", { booking: frm.doc.name, outcome, hours, reason }).then(() => frm.reload_doc());
		if (status === "Confirmed") {
			frm.add_custom_button(
				__("Held"),
				() =>
					frappe.prompt(
						{ fieldname: "hours", fieldtype: "Float", label: __("Hours Held"), reqd: 1, default: frm.doc.duration_hours },
						({ hours }) => outcome("Held", hours),
						__("Record Outcome"),
						__("Held")
					),
				__("Record Outcome")
			);
			frm.add_custom_button(__("No-show"), () => outcome("No-show"), __("Record Outcome"));
		}
		if (["Searching", "Offered", "Confirmed", "Unfilled"].includes(status)) {
			frm.add_custom_button(
				__("Cancel"),
				() =>
					frappe.prompt(
						{ fieldname: "reason", fieldtype: "Small Text", label: __("Cancellation Reason") },
						({ reason }) => outcome("Cancelled", null, reason),
						__("Cancel"),
						__("Cancel")
					),
				__("Record Outcome")
			);
		}
		if (["Unfilled", "Offered"].includes(status)) {
			frm.add_custom_button(__("Search Again"), () =>
				frappe.xcall("mitmenschen.interpreting.offers.search_again", { booking: frm.doc.name }).then(() => frm.reload_doc())
			);
		}
	},
});
