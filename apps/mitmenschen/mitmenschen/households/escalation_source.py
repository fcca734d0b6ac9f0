"""Onboarding steps as a source of the escalation engine (registered in hooks: `escalation_sources`).

Onboarding is the cooperative's own work, so its reminders go to staff only: a step a partner
service carries reminds the clerk responsible for the household, who refers the family under its
consent (a partner learns nothing of a household by mail). "Assignee" on the ladder is

- the user named on the step;
- for a role: the household's responsible clerk (assigned, else whoever entered it) when they hold
  the role, else the role's members;
- for a partner service: the household's responsible clerk, else the clerks.

A household nobody can be found for escalates to the managers, so nothing goes unheard.
"""

import frappe
from frappe import _
from frappe.utils import get_url

from mitmenschen.escalation.recipients import Recipient, Resolver
from mitmenschen.escalation.sources import Notice, notice_for

STEP, PLAN, HOUSEHOLD = "Onboarding Plan Step", "Onboarding Plan", "Refugee Household"
CLERK, MANAGER = "Mit:Menschen Clerk", "Mit:Menschen Manager"


def notices(timers: list[dict]) -> list[Notice]:
	steps = _open_steps([t.reference_name for t in timers])
	resolver = step_resolver(steps.values())
	base_url = get_url()
	result = []
	for timer in timers:
		step = steps.get(timer.reference_name)
		if not step:
			continue  # done, skipped or removed meanwhile
		title = _("Onboarding: {0}").format(step.step)
		if step.child_name:
			title += f" ({step.child_name})"
		title += f" – {step.family_name or step.household}"
		result += [
			notice_for(
				timer,
				recipient,
				# the log and the mail name the household: a step row means nothing to a reader
				reference_doctype=HOUSEHOLD,
				reference_name=step.household,
				title=title,
				link=f"{base_url}/app/refugee-household/{step.household}",
			)
			for recipient in resolver.resolve(timer, step)
		]
	return result


def fired(timers: list[dict]) -> None:
	"""The household's timeline says which step escalated (the engine notes it on the step row,
	which has no timeline of its own)."""
	steps = _open_steps([t.reference_name for t in timers])
	for timer in timers:
		step = steps.get(timer.reference_name)
		if step:
			frappe.get_doc(
				{
					"doctype": "Comment",
					"comment_type": "Info",
					"reference_doctype": HOUSEHOLD,
					"reference_name": step.household,
					"content": _("Onboarding step {0} is overdue (escalation level {1}).").format(
						frappe.bold(step.step), timer.level
					),
				}
			).insert(ignore_permissions=True)


def _open_steps(names: list[str]) -> dict:
	"""The open steps among `names`, with their plan's household, in one query."""
	if not names:
		return {}
	step, plan, household = (frappe.qb.DocType(d) for d in (STEP, PLAN, HOUSEHOLD))
	rows = (
		frappe.qb.from_(step)
		.join(plan)
		.on(step.parent == plan.name)
		.join(household)
		.on(plan.household == household.name)
		.select(
			step.name,
			step.step,
			step.child_name,
			step.responsible_type,
			step.responsible,
			plan.household,
			household.family_name,
			household.owner.as_("household_owner"),
			household._assign.as_("household_assign"),
		)
		.where(step.name.isin(list(set(names))) & (step.parenttype == PLAN) & (step.status == "Open"))
		.run(as_dict=True)
	)
	return {row.name: row for row in rows}


def step_resolver(steps) -> Resolver:
	steps = list(steps)
	return Resolver(
		steps, assignee=_assignee, fallback_role=MANAGER, users=[_responsible_clerk(s) for s in steps]
	)


def _assignee(resolver: Resolver, step) -> list[Recipient]:
	clerk = _responsible_clerk(step)
	if step.responsible_type == "User" and step.responsible:
		return resolver.users([step.responsible])
	if step.responsible_type == "Role" and step.responsible:
		if clerk in resolver.holders(step.responsible) and (found := resolver.users([clerk])):
			return found
		return resolver.role(step.responsible)
	return resolver.users([clerk]) or resolver.role(CLERK)


def _responsible_clerk(step) -> str | None:
	assigned = frappe.parse_json(step.household_assign) if step.household_assign else []
	return (assigned[0] if assigned else None) or step.household_owner
