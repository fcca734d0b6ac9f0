// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Round Table Meeting", {
	refresh(frm) {
		if (!frm.is_new() && frm.perm[0].write) {
			frm.add_custom_button(__("Prefill Agenda"), () =>
				frappe
					.call("mitmenschen.round_table.agenda.prefill_agenda", { meeting: frm.doc.name })
					.then(() => frm.reload_doc())
			);
		}
	},
});
