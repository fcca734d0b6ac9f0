// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt

// A language mediator booked from the case's playbook step "Book Interpreter" (registered with
// `doctype_js` in hooks after interpreter_dialog.js: the case's own form script calls
// `mitmenschen_book_interpreter` from the step's button). The step shows its booking's state.

const INTERPRETING_API = "mitmenschen.interpreting.booking.";
const BOOKING_COLOURS = { Searching: "orange", Offered: "orange", Confirmed: "green", Held: "green", Unfilled: "red" };

frappe.ui.form.on("Mediation Case", {
	refresh(frm) {
		if (frm.is_new()) return;
		show_interpreter_bookings(frm);
		if (frm.perm[0] && frm.perm[0].write) {
			frm.add_custom_button(__("Short Translation"), () => translation_dialog(frm), __("Interpreting"));
		}
	},
});

function show_interpreter_bookings(frm) {
	frappe.xcall(INTERPRETING_API + "bookings_for_case", { case: frm.doc.name }).then((bookings) => {
		const esc = frappe.utils.escape_html;
		(bookings || []).forEach((booking) => {
			const step = booking.case_step && frm.fields_dict.playbook_checklist.$wrapper.find(`[data-step="${booking.case_step}"]`);
			if (!step || !step.length || step.find(`[data-booking="${booking.name}"]`).length) return;
			const who = booking.mediator_name ? ` · ${esc(booking.mediator_name)}` : "";
			step.append(
				`<div class="small mm-interpreter-booking" data-booking="${esc(booking.name)}" data-status="${esc(booking.status)}">
					<span class="indicator-pill ${BOOKING_COLOURS[booking.status] || "gray"}">${esc(__(booking.status))}</span>
					<a href="/app/interpreter-booking/${encodeURIComponent(booking.name)}">${esc(booking.name)}</a>
					${esc(frappe.datetime.str_to_user(booking.date))} ${esc((booking.start_time || "").slice(0, 5))}${who}
				</div>`
			);
		});
	});
}

// A family's message to a mediator who translates in writing; with LibreTranslate configured, a machine
// draft beside the original (shown as such, sent nowhere). Without a service there is no draft button.
function translation_dialog(frm) {
	const WRITTEN = "mitmenschen.interpreting.written.";
	frappe.xcall(WRITTEN + "translation_options", { case: frm.doc.name }).then((options) => {
		const dialog = new frappe.ui.Dialog({
			title: __("Short Translation"),
			fields: [
				{ fieldname: "text", fieldtype: "Small Text", label: __("Original"), reqd: 1, default: options.text },
				{ fieldname: "source_language", fieldtype: "Link", options: "Language", label: __("From Language"), reqd: 1, default: options.language },
				{ fieldname: "target_language", fieldtype: "Link", options: "Language", label: __("To Language"), reqd: 1, default: "de" },
				{
					fieldname: "mediator",
					fieldtype: "Select",
					label: __("Mediator"),
					options: [""].concat(options.mediators.map((m) => ({ value: m.name, label: m.full_name }))),
				},
				{ fieldname: "draft", fieldtype: "HTML" },
			],
			primary_action_label: __("Send to Mediator"),
			primary_action(values) {
				if (!values.mediator) return frappe.msgprint(__("Please choose a mediator."));
				frappe.xcall(WRITTEN + "request_translation", { case: frm.doc.name, ...values }).then(() => {
					dialog.hide();
					frappe.show_alert({ message: __("Sent to the mediator."), indicator: "green" });
					frm.reload_doc();
				});
			},
		});
		if (options.machine) {
			dialog.set_secondary_action_label(__("Machine Draft"));
			dialog.set_secondary_action(() => {
				const values = dialog.get_values();
				if (!values) return;
				frappe.xcall(WRITTEN + "machine_draft", { case: frm.doc.name, text: values.text, source_language: values.source_language, target_language: values.target_language }).then((r) => {
					dialog.fields_dict.draft.$wrapper.html(
						`<div class="mm-machine-draft alert alert-warning"><b>${frappe.utils.escape_html(r.label)}</b><p dir="auto">${frappe.utils.escape_html(r.draft)}</p></div>`
					);
					frm.reload_doc();
				});
			});
		}
		dialog.show();
	});
}
