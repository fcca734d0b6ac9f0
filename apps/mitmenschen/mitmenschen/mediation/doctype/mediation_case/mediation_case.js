// Copyright (c) 2026, Mit:Menschen developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Mediation Case", {
	setup(frm) {
		set_property_queries(frm);
		frm.set_query("referred_to", () => ({ filters: { status: "Active" } }));
	},
	refresh(frm) {
		freeze_closed_case(frm);
		show_headlines(frm);
		render_checklist(frm);
		frm.toggle_display("playbook_steps", false); // the checklist above shows and ticks them
		follow_assignments(frm);
		add_follow_up_buttons(frm);
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

// ---- A closed case: what was written stays (the server refuses a change, workflows/definitions.py) -------
// The reporter's contact and the follow-up stay editable: the follow-up after closing needs them.
const FROZEN_WHEN_CLOSED = [
	"subject", "category", "priority", "channel", "description", "property_unit", "district",
	"respondent_household", "interpreter_language", "resolution", "referred_to", "referral_status",
	"sla_policy", "waiting_on", "assigned_to", "follow_up_date", "consent_override_reason",
];

function freeze_closed_case(frm) {
	const closed = frm.doc.status === "Closed";
	for (const fieldname of FROZEN_WHEN_CLOSED) {
		const df = frappe.meta.get_docfield(frm.doctype, fieldname, frm.doc.name);
		if (!df) continue;
		if (df.__mm_read_only === undefined) df.__mm_read_only = df.read_only || 0;
		frm.set_df_property(fieldname, "read_only", closed ? 1 : df.__mm_read_only);
	}
}

// ---- At the top of the form: what needs attention (a breached service level first) ----------------------

function show_headlines(frm) {
	if (frm.is_new()) return;
	const lines = [sla_headline(frm), recurrence_headline(frm)].filter(Boolean);
	if (frm.doc.status === "Closed") {
		lines.push({ colour: "blue", html: frappe.utils.escape_html(__("This case is closed: reopen it to change what was written.")) });
	}
	if (!lines.length) return;
	// one line per message, each with its own colour (Frappe's headline holds one message)
	const html = lines
		.map((line) => `<div class="mm-headline mm-headline-${line.colour}"><span class="indicator ${line.colour}"></span> ${line.html}</div>`)
		.join("");
	frm.dashboard.set_headline(html, lines[0].colour);
}

function sla_headline(frm) {
	const doc = frm.doc;
	if (doc.status === "Closed" || !["Breached", "Warning"].includes(doc.sla_status)) return null;
	const when = (value) => frappe.datetime.str_to_user(value);
	const response = !doc.first_responded_on && doc.response_due;
	const breached = doc.sla_status === "Breached";
	let text = response
		? breached
			? __("Service level breached: the first response was due on {0}.", [when(doc.response_due)])
			: __("Service level at risk: the first response is due on {0}.", [when(doc.response_due)])
		: breached
		? __("Service level breached: the resolution was due on {0}.", [when(doc.resolution_due)])
		: __("Service level at risk: the resolution is due on {0}.", [when(doc.resolution_due)]);
	if (doc.escalation_level) text += " " + __("Escalation level {0}.", [doc.escalation_level]);
	return { colour: breached ? "red" : "orange", html: `<b>${frappe.utils.escape_html(text)}</b>`, kind: "sla" };
}

function recurrence_headline(frm) {
	if (!frm.doc.recurrence_of) return null;
	return {
		colour: "orange",
		html: __("Recurring problem: the same was reported at this property in {0}.", [
			`<a href="/app/mediation-case/${encodeURIComponent(frm.doc.recurrence_of)}">${frappe.utils.escape_html(frm.doc.recurrence_of)}</a>`,
		]),
	};
}

// ---- Playbook checklist: the case's steps, ticked done or skipped with a reason --------------------------

const PLAYBOOK = "mitmenschen.mediation.playbook";
const STATUS_COLOURS = { Open: "orange", Done: "green", Skipped: "gray" };

function render_checklist(frm) {
	const field = frm.get_field("playbook_checklist");
	if (!field) return;
	const esc = frappe.utils.escape_html;
	const rows = frm.doc.playbook_steps || [];
	if (frm.is_new() || !rows.length) {
		field.$wrapper.html(
			`<p class="text-muted">${esc(
				frm.is_new() ? __("The category's playbook steps appear here once the case is saved.") : __("This category has no playbook steps.")
			)}</p>`
		);
		return;
	}
	const items = rows.map((row) => {
		const due = row.due_date
			? __("due {0}", [frappe.datetime.str_to_user(row.due_date)])
			: row.action_type === "Follow-up Call"
			? __("after closing")
			: "";
		const late = row.status === "Open" && row.due_date && row.due_date < frappe.datetime.get_today();
		const who =
			row.status !== "Open" && row.done_on
				? `<div class="text-muted small">${esc(
						row.done_by === frappe.session.user
							? __("{0} by you on {1}", [__(row.status), frappe.datetime.str_to_user(row.done_on)])
							: row.done_by
							? __("{0} by {1} on {2}", [__(row.status), frappe.user.full_name(row.done_by), frappe.datetime.str_to_user(row.done_on)])
							: __("{0} on {1}", [__(row.status), frappe.datetime.str_to_user(row.done_on)])
				  )}${row.skip_reason ? " · " + esc(row.skip_reason) : ""}</div>`
				: "";
		// One flex row per step: the buttons are the row's own right-hand column. (A floated span after
		// the text wrapped below it and overlapped the next step, so "Done" sat beside the wrong step.)
		return `<li class="mm-step list-unstyled" data-step="${esc(row.name)}"
				style="display: flex; align-items: flex-start; gap: 8px; padding: 6px 0; border-bottom: 1px solid var(--border-color);">
			<div class="mm-step-text" style="flex: 1 1 auto; min-width: 0;">
				<span class="indicator-pill ${STATUS_COLOURS[row.status] || "gray"}">${esc(__(row.status))}</span>
				<b>${esc(row.step)}</b>
				${row.mandatory ? `<span class="badge badge-danger">${esc(__("Mandatory"))}</span>` : ""}
				${row.action_type ? `<span class="text-muted small">${esc(__(row.action_type))}</span>` : ""}
				<span class="small ${late ? "text-danger" : "text-muted"}">${esc(due)}</span>
				${who}
			</div>
			<div class="mm-step-buttons" style="flex: 0 0 auto; display: flex; flex-wrap: wrap; gap: 4px; justify-content: flex-end;">${step_buttons(frm, row)}</div>
		</li>`;
	});
	field.$wrapper.html(`<ul class="mm-checklist" style="padding-left: 0;">${items.join("")}</ul>`);
	field.$wrapper.off("click").on("click", "[data-action]", (event) => {
		const button = $(event.currentTarget);
		step_action(frm, button.closest("[data-step]").attr("data-step"), button.attr("data-action"));
	});
}

function step_buttons(frm, row) {
	const button = (action, label, primary) =>
		`<button class="btn btn-xs ${primary ? "btn-primary" : "btn-default"}" data-action="${action}">${frappe.utils.escape_html(label)}</button>`;
	if (frm.doc.status === "Closed") {
		// a closed case is read-only (its workflow); only the reporter's answer still ticks a step
		const answer = row.action_type === "Follow-up Call" && row.status === "Open" && can_record_answer(frm);
		return answer ? button("answer", __("Record Answer"), true) : "";
	}
	if (!frm.perm[0] || !frm.perm[0].write) return "";
	if (row.status !== "Open") return button("open", __("Open Again"));
	const typed = {
		"Send House Rules": frm.doc.respondent_household ? button("house_rules", __("Send House Rules"), true) : "",
		"Book Interpreter": button("interpreter", __("Book Interpreter"), true),
		"Refer to Partner": button("finder", __("Partner Finder"), true) + " " + button("referral", __("Referral")),
	};
	return [typed[row.action_type] || "", button("done", __("Done")), button("skip", __("Skip"))].join("");
}

function step_action(frm, step, action) {
	if (frm.is_dirty()) {
		frappe.msgprint(__("Please save the case first."));
		return;
	}
	const row = (frm.doc.playbook_steps || []).find((r) => r.name === step);
	const sync = () => frm.reload_doc(); // the step's note on the timeline, too
	const set_status = (status, reason) =>
		frappe.xcall(`${PLAYBOOK}.set_step_status`, { case: frm.doc.name, step, status, reason }).then(sync);
	if (action === "done") return set_status("Done");
	if (action === "open") return set_status("Open");
	if (action === "skip") {
		return frappe.prompt(
			{ fieldname: "reason", fieldtype: "Small Text", label: __("Reason for Skipping"), reqd: 1 },
			({ reason }) => set_status("Skipped", reason),
			__("Skip {0}", [row ? row.step : ""]),
			__("Skip")
		);
	}
	if (action === "house_rules") {
		return frappe.xcall(`${PLAYBOOK}.send_house_rules`, { case: frm.doc.name, step }).then((r) => {
			sync();
			frappe.show_alert({ message: __("House rules sent."), indicator: "green" });
		});
	}
	if (action === "finder") {
		return frappe.set_route("query-report", "Partner Finder", {
			category: frm.doc.category || "",
			district: frm.doc.district || "",
			language: frm.doc.interpreter_language || "",
		});
	}
	if (action === "interpreter") return window.mitmenschen_book_interpreter(frm, step); // public/js/case_interpreting.js
	if (action === "referral") return frm.scroll_to_field("referred_to");
	if (action === "answer") return record_answer_dialog(frm);
}

// ---- Follow-up with the reporter: the letter, and an answer given by phone -------------------------------

function add_follow_up_buttons(frm) {
	if (frm.doc.status !== "Closed" || !frm.doc.follow_up_expires_on) return;
	if (can_record_answer(frm) && !frm.doc.follow_up_answered_on) {
		frm.add_custom_button(__("Record Follow-up Answer"), () => record_answer_dialog(frm), __("Follow-up"));
	}
	frm.add_custom_button(
		__("Follow-up Letter"),
		() =>
			window.open(
				frappe.urllib.get_full_url(
					`/api/method/mitmenschen.mediation.follow_up.download_letter?case=${encodeURIComponent(frm.doc.name)}`
				)
			),
		__("Follow-up")
	);
}

// The closed case's form is read-only (frm.perm has no write), yet the reporter's answer given by phone
// is still recorded: whoever may write the follow-up fields (permlevel 1) by role.
function can_record_answer(frm) {
	return frappe.perm.has_perm(frm.doctype, 1, "write");
}

function record_answer_dialog(frm) {
	const answers = [
		{ value: "solved", label: __("Solved") },
		{ value: "partly", label: __("Partly Solved") },
		{ value: "not_solved", label: __("Not Solved") },
	];
	frappe.prompt(
		[
			{ fieldname: "answer", fieldtype: "Select", label: __("Follow-up Answer"), options: answers, reqd: 1 },
			{ fieldname: "comment", fieldtype: "Small Text", label: __("Comment of the Reporter") },
		],
		({ answer, comment }) =>
			frappe
				.xcall("mitmenschen.mediation.follow_up.record_phone_answer", { case: frm.doc.name, answer, comment })
				.then(() => frm.reload_doc()),
		__("Answer Given by Phone"),
		__("Record")
	);
}

// ---- Assignment: the sidebar's "Assigned To" and the Assignee field are one -----------------------------
// The server keeps them in step (mediation/assignment.py); after an assignment in the sidebar the form
// reloads, so that the field shows the new assignee and a later save does not write back the old one.

function follow_assignments(frm) {
	const assign = frm.assign_to;
	if (!assign) return;
	const users_of = (assignments) =>
		(assignments || [])
			.map((a) => (typeof a === "string" ? a : a.owner))
			.sort()
			.join(",");
	if (!assign.__mm_follows) {
		const render = assign.render.bind(assign);
		assign.render = function (assignments) {
			render(assignments);
			const users = users_of(assignments);
			const changed = assign.__mm_doc === assign.frm.doc.name && assign.__mm_users !== users;
			assign.__mm_users = users;
			if (changed && !assign.frm.is_dirty()) assign.frm.reload_doc();
		};
		assign.__mm_follows = true;
	}
	assign.__mm_doc = frm.doc.name;
	assign.__mm_users = users_of(frm.get_docinfo() && frm.get_docinfo().assignments);
}

// Flats are leaves of the property tree, districts its top groups (for ERPNext's Location tree).
function set_property_queries(frm) {
	frm.set_query("property_unit", () => (frm.doc.property_doctype === "Location" ? { filters: { is_group: 0 } } : {}));
	frm.set_query("district", () => (frm.doc.property_doctype === "Location" ? { filters: { is_group: 1 } } : {}));
}
