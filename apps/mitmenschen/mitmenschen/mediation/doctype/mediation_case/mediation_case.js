// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Mediation Case", {
	setup(frm) {
		set_property_queries(frm);
		frm.set_query("referred_to", () => ({ filters: { status: "Active" } }));
	},
	refresh(frm) {
		if (frm.doc.recurrence_of) {
			frm.dashboard.set_headline_alert(
				__("Recurring problem: the same was reported at this property in {0}.", [
					`<a href="/app/mediation-case/${encodeURIComponent(frm.doc.recurrence_of)}">${frappe.utils.escape_html(frm.doc.recurrence_of)}</a>`,
				]),
				"orange"
			);
		}
		show_playbook(frm);
	},
	category(frm) {
		show_playbook(frm);
	},
	// Reject needs a reason: the desk asks for it and rejects through the same call as the API
	// (`reject_resolution`); Frappe's own apply_workflow is not called for this action.
	before_workflow_action(frm) {
		if (frm.selected_workflow_action !== "Reject") return;
		frappe.dom.unfreeze();
		return new Promise(() => {
			frappe.prompt(
				{ fieldname: "reason", fieldtype: "Small Text", label: __("Rejection Reason"), reqd: 1 },
				({ reason }) =>
					frappe
						.xcall("mitmenschen.mediation.case_workflow.reject_resolution", { case: frm.doc.name, reason })
						.then((doc) => {
							frappe.model.sync(doc);
							frm.selected_workflow_action = null;
							frm.refresh();
						}),
				__("Reject"),
				__("Reject")
			);
		});
	},
});

function show_playbook(frm) {
	if (!frm.doc.category) return frm.set_intro("");
	frappe.db.get_doc("Case Category", frm.doc.category).then((category) => {
		const steps = (category.playbook || []).map((row) => `<li>${frappe.utils.escape_html(__(row.step))}</li>`);
		frm.set_intro(steps.length ? `<b>${__("Remedy Playbook")}</b><ol>${steps.join("")}</ol>` : "", "blue");
	});
}

// Flats are leaves of the property tree, districts its top groups (for ERPNext's Location tree).
function set_property_queries(frm) {
	frm.set_query("property_unit", () => (frm.doc.property_doctype === "Location" ? { filters: { is_group: 0 } } : {}));
	frm.set_query("district", () => (frm.doc.property_doctype === "Location" ? { filters: { is_group: 1 } } : {}));
}
