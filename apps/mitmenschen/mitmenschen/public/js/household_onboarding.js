// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt

// The household's onboarding plan as a checklist on its form (registered with `doctype_js` in hooks:
// loaded after the household's own form script). Steps are ticked done or skipped with a reason
// through the typed, permission-checked methods of mitmenschen.households.onboarding.

const ONBOARDING_API = "mitmenschen.households.onboarding.";

frappe.ui.form.on("Refugee Household", {
	refresh(frm) {
		render_onboarding(frm);
	},
});

function render_onboarding(frm) {
	const wrapper = onboarding_wrapper(frm);
	if (frm.is_new()) {
		wrapper.empty().hide();
		return;
	}
	frappe
		.call({ method: ONBOARDING_API + "get_checklist", args: { household: frm.doc.name }, type: "GET" })
		.then((r) => {
			const plan = r.message;
			if (!plan) {
				wrapper.empty().hide();
				return;
			}
			wrapper.html(checklist_html(plan)).show();
			wrapper.find("[data-action]").on("click", function () {
				const button = $(this);
				const step = plan.steps.find((s) => s.name === button.attr("data-step"));
				act(frm, plan.plan, button.attr("data-step"), button.attr("data-action"), step);
			});
		});
}

function onboarding_wrapper(frm) {
	// above the form's first section, below the dashboard: the plan is what a clerk works on first
	let wrapper = frm.layout.wrapper.find(".mm-onboarding");
	if (!wrapper.length) {
		wrapper = $('<div class="mm-onboarding form-section card-section" style="padding: 15px;"></div>');
		frm.layout.wrapper.prepend(wrapper);
	}
	return wrapper;
}

function checklist_html(plan) {
	const open = plan.steps.filter((s) => s.status === "Open").length;
	const overdue = plan.steps.filter((s) => s.overdue).length;
	const rows = plan.steps.map((s) => step_html(s, plan.can_write)).join("");
	return `
		<div class="section-head" style="margin-bottom: 8px;">
			<b>${__("Onboarding Plan")}</b>
			<a href="/app/onboarding-plan/${encodeURIComponent(plan.plan)}" class="text-muted small">${frappe.utils.escape_html(plan.plan)}</a>
			<span class="indicator-pill ${overdue ? "red" : open ? "orange" : "green"}" style="margin-left: 8px;">
				${overdue ? __("{0} overdue", [overdue]) : open ? __("{0} open", [open]) : __("Completed")}
			</span>
		</div>
		<table class="table table-sm mm-onboarding-steps" style="margin-bottom: 0;">
			<thead><tr>
				<th>${__("Step")}</th><th>${__("Due Date")}</th><th>${__("Responsible")}</th>
				<th>${__("Status")}</th><th></th>
			</tr></thead>
			<tbody>${rows}</tbody>
		</table>`;
}

function step_html(step, can_write) {
	const esc = frappe.utils.escape_html;
	const title = esc(step.step) + (step.child_name ? ` <span class="text-muted">(${esc(step.child_name)})</span>` : "");
	const responsible = step.responsible ? `${esc(__(step.responsible))} <span class="text-muted small">${esc(__(step.responsible_type))}</span>` : "";
	let status = `<span class="indicator-pill ${step.overdue ? "red" : "orange"}">${step.overdue ? __("Overdue") : __("Open")}</span>`;
	if (step.status === "Done") {
		status = `<span class="indicator-pill green">${__("Done")}</span>
			<div class="small text-muted">${esc(step.done_by_name || step.done_by || "")} · ${frappe.datetime.str_to_user(step.done_on)}</div>`;
	} else if (step.status === "Skipped") {
		status = `<span class="indicator-pill gray">${__("Skipped")}</span>
			<div class="small text-muted">${esc(step.skip_reason || "")}</div>`;
	}
	let buttons = "";
	if (can_write && step.status === "Open") {
		buttons = `
			<button class="btn btn-xs btn-primary" data-action="done" data-step="${esc(step.name)}">${__("Mark Done")}</button>
			<button class="btn btn-xs btn-default" data-action="skip" data-step="${esc(step.name)}">${__("Skip")}</button>`;
	} else if (can_write) {
		buttons = `<button class="btn btn-xs btn-default" data-action="reopen" data-step="${esc(step.name)}">${__("Reopen")}</button>`;
	}
	// the appointment the family attends (it is reminded the day before on its agreed channel)
	const appointment = step.visit_on
		? `<div class="small text-muted mm-step-appointment">${__("Appointment")}: ${esc(frappe.datetime.str_to_user(step.visit_on))}${step.visit_place ? ", " + esc(step.visit_place) : ""}</div>`
		: "";
	if (can_write && step.status === "Open") {
		buttons = `<button class="btn btn-xs btn-default" data-action="appointment" data-step="${esc(step.name)}">${__("Appointment")}</button> ` + buttons;
	}
	return `<tr class="mm-onboarding-step" data-step="${esc(step.name)}" data-status="${esc(step.status)}">
		<td>${title}</td>
		<td class="${step.overdue ? "text-danger" : ""}">${frappe.datetime.str_to_user(step.due_date)}${appointment}</td>
		<td>${responsible}</td>
		<td>${status}</td>
		<td class="text-right" style="white-space: nowrap;">${buttons}</td>
	</tr>`;
}

function act(frm, plan, step, action, current) {
	if (action === "appointment") {
		frappe.prompt(
			[
				{ fieldname: "visit_on", fieldtype: "Datetime", label: __("Appointment With the Family"), default: current && current.visit_on },
				{ fieldname: "visit_place", fieldtype: "Data", label: __("Appointment Place"), default: current && current.visit_place },
			],
			(values) => call_step(frm, "set_step_appointment", { plan, step, ...values }),
			__("Appointment With the Family"),
			__("Save")
		);
		return;
	}
	if (action === "skip") {
		frappe.prompt(
			{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason for Skipping"), reqd: 1 },
			(values) => call_step(frm, "skip_step", { plan, step, reason: values.reason }),
			__("Skip Step"),
			__("Skip")
		);
		return;
	}
	call_step(frm, action === "done" ? "mark_step_done" : "reopen_step", { plan, step });
}

function call_step(frm, method, args) {
	frappe.call({ method: ONBOARDING_API + method, args, freeze: true }).then(() => {
		frappe.show_alert({ message: __("Saved"), indicator: "green" });
		render_onboarding(frm);
	});
}
