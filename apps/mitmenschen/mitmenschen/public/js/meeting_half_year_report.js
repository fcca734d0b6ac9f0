// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt
//
// The half-year report on the Round Table Meeting form (registered in hooks.py `doctype_js`, beside the
// meeting's own form script): download it for any period, or attach it to the meeting with an agenda line.

frappe.ui.form.on("Round Table Meeting", {
	refresh(frm) {
		if (frm.is_new() || !frappe.user.has_role(["Mit:Menschen Clerk", "Mit:Menschen Manager", "System Manager"])) {
			return;
		}
		frm.add_custom_button(
			__("Half-Year Report"),
			() => mitmenschen_half_year_dialog(frm),
			__("Evidence")
		);
	},
});

function mitmenschen_half_year_dialog(frm) {
	frappe
		.xcall("mitmenschen.evidence.half_year.default_period", { meeting: frm.doc.name })
		.then((period) => {
			const dialog = new frappe.ui.Dialog({
				title: __("Half-Year Report"),
				fields: [
					{ fieldname: "from_date", label: __("From Date"), fieldtype: "Date", reqd: 1, default: period.from_date },
					{ fieldname: "to_date", label: __("To Date"), fieldtype: "Date", reqd: 1, default: period.to_date },
					{
						fieldname: "lang",
						label: __("Language"),
						fieldtype: "Select",
						options: [
							{ value: "de", label: __("German") },
							{ value: "en", label: __("English") },
						],
						default: frappe.boot.lang === "en" ? "en" : "de",
					},
				],
				primary_action_label: __("Attach to Meeting"),
				primary_action(values) {
					frappe
						.xcall("mitmenschen.evidence.half_year.attach_to_meeting", { meeting: frm.doc.name, ...values })
						.then((file) => {
							dialog.hide();
							frappe.show_alert({ message: __("Attached: {0}", [file.file_name]), indicator: "green" });
							frm.reload_doc();
						});
				},
				secondary_action_label: __("Download PDF"),
				secondary_action() {
					const values = dialog.get_values();
					if (!values) return;
					const query = new URLSearchParams(values).toString();
					window.open(`/api/method/mitmenschen.evidence.half_year.download?${query}`);
				},
			});
			dialog.show();
		});
}
