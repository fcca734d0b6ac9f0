// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt

// Booking a language mediator from a case (its playbook step), a household (house-rules explanation,
// onboarding) or a round-table meeting: one dialog, loaded with `doctype_js` on the three forms; the
// record gives language, household and district (interpreting/booking.py). Loaded once per doctype,
// so the household's and meeting's buttons are registered once.

function mitmenschen_household_language(frm) {
	const spoken = (frm.doc.languages || []).map((row) => row.language).filter((code) => code && code !== "de");
	return spoken[0] || "";
}

window.mitmenschen_book_interpreter = function (frm, step, purpose_type) {
	const dialog = new frappe.ui.Dialog({
		title: __("Book Interpreter"),
		fields: [
			{ fieldname: "language", fieldtype: "Link", options: "Language", label: __("Language"), reqd: 1, default: frm.doc.interpreter_language || mitmenschen_household_language(frm) },
			{ fieldname: "dialect", fieldtype: "Data", label: __("Dialect") },
			{ fieldname: "date", fieldtype: "Date", label: __("Date"), reqd: 1 },
			{ fieldname: "start_time", fieldtype: "Data", label: __("Start Time"), reqd: 1, description: "HH:MM" },
			{ fieldname: "duration_hours", fieldtype: "Float", label: __("Duration (Hours)"), reqd: 1, default: 1 },
			{ fieldname: "column", fieldtype: "Column Break" },
			{
				fieldname: "mode",
				fieldtype: "Select",
				label: __("Mode"),
				reqd: 1,
				default: "In Person",
				options: ["In Person", "Phone", "Video"].map((value) => ({ value, label: __(value) })),
			},
			{ fieldname: "place", fieldtype: "Small Text", label: __("Place"), depends_on: "eval:doc.mode=='In Person'" },
			{ fieldname: "call_link", fieldtype: "Data", label: __("Call Link or Number"), depends_on: "eval:doc.mode!='In Person'" },
			{ fieldname: "short_notice_reason", fieldtype: "Small Text", label: __("Reason for Short Notice") },
		],
		primary_action_label: __("Book Interpreter"),
		primary_action(values) {
			frappe
				.xcall(INTERPRETING_API + "book", {
					reference_doctype: frm.doctype,
					reference_name: frm.doc.name,
					step,
					purpose_type,
					...values,
				})
				.then((booking) => {
					dialog.hide();
					frappe.show_alert({ message: __("Interpreter booked: {0}", [__(booking.status)]), indicator: "green" });
					frm.reload_doc();
				});
		},
	});
	dialog.show();
};

if (!window.mitmenschen_interpreter_buttons) {
	window.mitmenschen_interpreter_buttons = true;
	const occasions = {
		"Refugee Household": ["House Rules Explanation", "Onboarding Step"],
		"Round Table Meeting": ["Round Table Meeting"],
	};
	Object.entries(occasions).forEach(([doctype, purposes]) => {
		frappe.ui.form.on(doctype, {
			refresh(frm) {
				if (frm.is_new() || !frm.perm[0] || !frm.perm[0].read) return;
				purposes.forEach((purpose) =>
					frm.add_custom_button(__(purpose), () => window.mitmenschen_book_interpreter(frm, null, purpose), __("Book Interpreter"))
				);
			},
		});
	});
}
