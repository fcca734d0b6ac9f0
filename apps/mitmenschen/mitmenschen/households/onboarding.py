"""The move-in onboarding plan: the weeks after a family moves in, planned instead of improvised.

When a household reaches *Moved In*, its plan is made once from the default Onboarding Template:
each template step becomes a step due `day_offset` days after the move-in date (a step "for each
child" once per member under 18). Clerks tick steps done or skip them with a reason, from the
household's checklist or the plan itself; open steps that pass their due date escalate through the
engine (see `onboarding_reminders`). Moving out ends the plan's reminders.
"""

import frappe
from frappe import _
from frappe.utils import add_days, getdate, nowdate

from mitmenschen.households import onboarding_reminders

PLAN, TEMPLATE, STEP = "Onboarding Plan", "Onboarding Template", "Onboarding Plan Step"
MOVED_IN = "Moved In"
ENDED = ("Moved Out", "Archived")
OPEN, DONE, SKIPPED = "Open", "Done", "Skipped"
HOUSE_RULES_EXPLAINED = "House Rules Explained"
ADULT_AGE = 18


class OnboardingStepError(frappe.ValidationError):
	pass


# ---- the household's workflow (doc_events: Refugee Household on_update) -------------------------


def on_household_update(household, method: str | None = None) -> None:
	if household.has_value_changed("status"):
		if household.status == MOVED_IN:
			ensure_plan(household)
		elif household.status in ENDED:
			end_reminders(household.name)
	tick_recorded_steps(household)


def plan_of(household: str) -> str | None:
	return frappe.db.get_value(PLAN, {"household": household}, "name")


def ensure_plan(household) -> str | None:
	"""The household's plan, made from the default template the first time it moves in; never twice
	(a later save, a second *Moved In*, a plan a clerk deleted steps from: the plan stays as it is)."""
	existing = plan_of(household.name)
	if existing:
		return existing
	template = default_template()
	if not template:
		return None
	plan = frappe.get_doc(
		{
			"doctype": PLAN,
			"household": household.name,
			"template": template.name,
			"move_in_date": household.move_in_date or nowdate(),
			"steps": plan_steps(template, household.move_in_date or nowdate(), household.members),
		}
	)
	# a system effect of the workflow step the user was allowed to take
	plan.insert(ignore_permissions=True)
	household.add_comment(
		"Info", _("Onboarding plan {0} created with {1} steps.").format(plan.name, len(plan.steps))
	)
	tick_recorded_steps(household)  # house rules explained before the move-in count
	return plan.name


# ---- steps the household's own records tick ------------------------------------------------------
# A step marked "Done When: House Rules Explained" is done once an explanation is recorded on the
# household (its date and who explained), so the plan shows what happened without a second click.


def tick_recorded_steps(household) -> None:
	explanations = sorted(household.get("house_rules_explanations") or [], key=lambda r: str(r.explained_on))
	if not explanations:
		return
	plan = plan_of(household.name)
	open_steps = plan and frappe.get_all(
		STEP,
		filters={"parent": plan, "parenttype": PLAN, "status": OPEN, "done_when": HOUSE_RULES_EXPLAINED},
		pluck="name",
	)
	if not open_steps:
		return
	first = explanations[0]
	doc = frappe.get_doc(PLAN, plan)
	for step in doc.steps:
		if step.name in open_steps:
			step.status = DONE
			step.done_by = first.explained_by or frappe.session.user
			step.done_on = first.explained_on or nowdate()
	doc.save(ignore_permissions=True)  # a system effect of the explanation the user recorded


def default_template():
	name = frappe.db.get_value(TEMPLATE, {"is_default": 1}, "name", order_by="modified desc")
	return frappe.get_doc(TEMPLATE, name) if name else None


def plan_steps(template, move_in_date, members) -> list[dict]:
	"""The template's steps on the calendar of this household; per-child steps once per child."""
	start = getdate(move_in_date)
	children = [m.member_name for m in members if is_child(m.birth_year, m.relation, start.year)]
	steps = []
	for row in template.steps:
		due = add_days(start, row.day_offset or 0)
		base = {
			"step": row.step,
			"done_when": row.done_when,
			"due_date": due,
			"responsible_type": row.responsible_type,
			"responsible": row.responsible,
			"status": OPEN,
		}
		if row.for_each_child:
			steps += [{**base, "child_name": child} for child in children]
		else:
			steps.append(base)
	return steps


def is_child(birth_year: int | None, relation: str | None, year: int) -> bool:
	if birth_year:
		return year - birth_year < ADULT_AGE
	return relation == "Child"


def end_reminders(household: str) -> None:
	plan = plan_of(household)
	if plan:
		for step in frappe.get_all(STEP, filters={"parent": plan, "parenttype": PLAN}, pluck="name"):
			onboarding_reminders.cancel(step)


# ---- the plan's own bookkeeping (called from its controller) -------------------------------------


def stamp_steps(plan) -> None:
	"""Who and when for a step just done; a skipped step needs its reason; the plan's totals."""
	for step in plan.steps:
		if step.status == DONE:
			step.done_by = step.done_by or frappe.session.user
			step.done_on = step.done_on or nowdate()
		elif step.status == OPEN:
			step.done_by = step.done_on = None
		if step.status == SKIPPED and not (step.skip_reason or "").strip():
			frappe.throw(
				_("Row {0}: please give the reason why {1} is skipped.").format(
					step.idx, frappe.bold(step.step)
				),
				title=_("Reason Required"),
				exc=OnboardingStepError,
			)
	plan.open_steps = sum(1 for step in plan.steps if step.status == OPEN)
	plan.status = "Open" if plan.open_steps else "Completed"


# ---- the household form's checklist -------------------------------------------------------------


@frappe.whitelist(methods=["GET"])
def get_checklist(household: str) -> dict | None:
	"""The plan's steps as the household form shows them."""
	frappe.has_permission("Refugee Household", "read", household, throw=True)
	name = plan_of(household)
	if not name:
		return None
	plan = frappe.get_doc(PLAN, name)
	plan.check_permission("read")
	today = getdate(nowdate())
	return {
		"plan": plan.name,
		"status": plan.status,
		"can_write": bool(frappe.has_permission(PLAN, "write", plan.name)),
		"steps": [
			{
				"name": s.name,
				"step": s.step,
				"child_name": s.child_name,
				"due_date": s.due_date,
				"responsible_type": s.responsible_type,
				"responsible": s.responsible,
				"status": s.status,
				"overdue": s.status == OPEN and getdate(s.due_date) < today,
				"done_by": s.done_by,
				"done_by_name": frappe.utils.get_fullname(s.done_by) if s.done_by else None,
				"done_on": s.done_on,
				"skip_reason": s.skip_reason,
				"visit_on": s.visit_on,
				"visit_place": s.visit_place,
			}
			for s in plan.steps
		],
	}


@frappe.whitelist(methods=["POST"])
def mark_step_done(plan: str, step: str) -> dict:
	return _set_step(plan, step, DONE)


@frappe.whitelist(methods=["POST"])
def skip_step(plan: str, step: str, reason: str) -> dict:
	reason = frappe.utils.strip_html_tags(reason or "").strip()
	if not reason:
		frappe.throw(
			_("Please give the reason for skipping the step."),
			title=_("Reason Required"),
			exc=OnboardingStepError,
		)
	return _set_step(plan, step, SKIPPED, reason)


@frappe.whitelist(methods=["POST"])
def reopen_step(plan: str, step: str) -> dict:
	return _set_step(plan, step, OPEN)


@frappe.whitelist(methods=["POST"])
def set_step_appointment(
	plan: str, step: str, visit_on: str | None = None, visit_place: str | None = None
) -> dict:
	"""The appointment the family attends for a step (empty: none); the family is reminded the day
	before on its agreed channel (households/onboarding_visits.py)."""
	doc = frappe.get_doc(PLAN, plan)
	doc.check_permission("write")
	row = next((s for s in doc.steps if s.name == step), None)
	if not row:
		frappe.throw(_("This step is not part of plan {0}.").format(plan), exc=frappe.DoesNotExistError)
	try:
		row.visit_on = frappe.utils.get_datetime(visit_on) if visit_on else None
	except Exception:
		frappe.throw(
			_("{0} is not a date with a time.").format(frappe.bold(str(visit_on)[:40])),
			title=_("Appointment"),
			exc=OnboardingStepError,
		)
	row.visit_place = frappe.utils.strip_html_tags(visit_place or "").strip()[:140] or None
	doc.save()
	return {"visit_on": row.visit_on, "visit_place": row.visit_place}


def _set_step(plan: str, step: str, status: str, reason: str | None = None) -> dict:
	doc = frappe.get_doc(PLAN, plan)
	doc.check_permission("write")
	row = next((s for s in doc.steps if s.name == step), None)
	if not row:
		frappe.throw(_("This step is not part of plan {0}.").format(plan), exc=frappe.DoesNotExistError)
	row.status = status
	row.skip_reason = reason if status == SKIPPED else None
	doc.save()
	return {"status": row.status, "open_steps": doc.open_steps, "plan_status": doc.status}
