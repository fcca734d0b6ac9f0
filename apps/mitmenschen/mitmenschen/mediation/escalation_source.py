"""Mediation cases as a source of the escalation engine (registered in hooks: `escalation_sources`).

Whom a rung names is resolved when the step is due, not when it is scheduled: a case reassigned in
the meantime escalates to its new assignee. A case nobody is assigned to, or whose partner has no
reachable hot line, escalates to the managers. *Assignee* is the case's `assigned_to`, which is kept in
step with Frappe's assignment (ToDo, see `mediation/assignment.py`), as workflow mail reads it.

Two more kinds of timer come here: a case's playbook steps (doctype "Mediation Case Step", clock
"Playbook Step": the mail names the case and the step), and the follow-up with the reporter (clock
"Follow-up" on the case: `mediation/follow_up.py` sends it and notes it on the timeline itself).
"""

from collections import defaultdict

import frappe
from frappe import _
from frappe.utils import get_url

from mitmenschen.escalation import recipients as generic
from mitmenschen.escalation.recipients import Recipient
from mitmenschen.escalation.sources import Notice
from mitmenschen.partners.notify import hotline_recipients
from mitmenschen.partners.routing import get_responsible_contact

DOCTYPE = "Mediation Case"
STEP = "Mediation Case Step"
MANAGER_ROLE = "Mit:Menschen Manager"
ESCALATING_CLOCKS = ("Response", "Resolution")
FOLLOW_UP = "Follow-up"
# clocks whose timeline note the source writes itself (the sweep's generic one would say "escalation")
OWN_TIMELINE_CLOCKS = frozenset({FOLLOW_UP})
CASE_FIELDS = [
	"name",
	"subject",
	"assigned_to",
	"referred_to",
	"category",
	"district",
	"response_due",
	"resolution_due",
	"referral_requested_on",
]


def notices(timers: list[dict]) -> list[Notice]:
	if timers and timers[0].reference_doctype == STEP:
		return step_notices(timers)
	follow_ups = [t for t in timers if t.clock == FOLLOW_UP]
	result = []
	if follow_ups:
		from mitmenschen.mediation.follow_up import send_due

		result += send_due(follow_ups)
	timers = [t for t in timers if t.clock != FOLLOW_UP]
	if not timers:
		return result
	cases = {
		c.name: c
		for c in frappe.get_all(
			DOCTYPE,
			filters={"name": ["in", list({t.reference_name for t in timers})]},
			fields=[
				"name",
				"subject",
				"assigned_to",
				"referred_to",
				"category",
				"district",
				"response_due",
				"resolution_due",
				"referral_requested_on",
			],
		)
	}
	resolver = _Resolver(cases)
	base_url = get_url()
	for timer in timers:
		case = cases.get(timer.reference_name)
		if not case:
			continue  # deleted since: nothing to tell
		for recipient in resolver.resolve(timer, case):
			result.append(
				Notice(
					timer=timer.name,
					recipient=recipient,
					reference_doctype=DOCTYPE,
					reference_name=case.name,
					title=case.subject,
					link=case_link(case.name, recipient.portal, base_url),
					clock=timer.clock,
					level=timer.level,
					trigger=timer.trigger,
					percent=timer.percent,
					hours_after_breach=timer.hours_after_breach,
					due_at=_due(case, timer.clock),
				)
			)
	return result


def fired(timers: list[dict]) -> None:
	"""Escalation level and SLA status of the cases follow the steps just sent (a few set-based
	updates per batch; the values are bound, the statements fixed)."""
	if timers and timers[0].reference_doctype == STEP:
		return steps_fired(timers)
	timers = [t for t in timers if t.clock != FOLLOW_UP]
	by_level: dict[int, set[str]] = defaultdict(set)
	breached, warned = set(), set()
	for timer in timers:
		by_level[timer.level].add(timer.reference_name)
		if timer.clock in ESCALATING_CLOCKS:
			is_breach = timer.trigger == "After Breach" or (timer.percent or 0) >= 100
			(breached if is_breach else warned).add(timer.reference_name)
	for level, names in sorted(by_level.items()):
		frappe.db.sql(
			"update `tabMediation Case` set escalation_level = %(level)s"
			" where name in %(names)s and escalation_level < %(level)s",
			{"level": level, "names": tuple(names)},
		)
	if breached:
		frappe.db.sql(
			"update `tabMediation Case` set sla_status = 'Breached'"
			" where name in %(names)s and coalesce(sla_status, '') not in ('Met', 'Paused')",
			{"names": tuple(breached)},
		)
	if warned:
		frappe.db.sql(
			"update `tabMediation Case` set sla_status = 'Warning'"
			" where name in %(names)s and coalesce(sla_status, '') in ('', 'On Track')",
			{"names": tuple(warned)},
		)


def step_notices(timers: list[dict]) -> list[Notice]:
	"""Overdue playbook steps: the mail and the log name the case (a step row means nothing to a reader)."""
	steps = open_steps([t.reference_name for t in timers])
	cases = {
		s.case: frappe._dict(name=s.case, **{f: s[f] for f in CASE_FIELDS if f != "name"})
		for s in steps.values()
	}
	resolver = _Resolver(cases)
	base_url = get_url()
	result = []
	for timer in timers:
		step = steps.get(timer.reference_name)
		if not step:
			continue  # done, skipped or removed meanwhile
		for recipient in resolver.resolve(timer, cases[step.case]):
			result.append(
				Notice(
					timer=timer.name,
					recipient=recipient,
					reference_doctype=DOCTYPE,
					reference_name=step.case,
					title=_("Playbook step {0}: {1}").format(step.step, step.subject),
					link=case_link(step.case, recipient.portal, base_url),
					clock=timer.clock,
					level=timer.level,
					trigger=timer.trigger,
					percent=timer.percent,
					hours_after_breach=timer.hours_after_breach,
					due_at=timer.due_at,
				)
			)
	return result


def steps_fired(timers: list[dict]) -> None:
	"""The case's timeline says which step is overdue (the engine notes it on the step row)."""
	steps = open_steps([t.reference_name for t in timers])
	for timer in timers:
		if step := steps.get(timer.reference_name):
			frappe.get_doc(
				{
					"doctype": "Comment",
					"comment_type": "Info",
					"reference_doctype": DOCTYPE,
					"reference_name": step.case,
					"content": _("Playbook step {0} is overdue (escalation level {1}).").format(
						frappe.bold(frappe.utils.escape_html(step.step)), timer.level
					),
				}
			).insert(ignore_permissions=True)


def open_steps(names: list[str]) -> dict:
	"""The open steps among `names`, with their case, in one query."""
	if not names:
		return {}
	step, case = frappe.qb.DocType(STEP), frappe.qb.DocType(DOCTYPE)
	rows = (
		frappe.qb.from_(step)
		.join(case)
		.on(step.parent == case.name)
		.select(step.name, step.step, case.name.as_("case"), *[case[f] for f in CASE_FIELDS if f != "name"])
		.where(step.name.isin(list(set(names))) & (step.parenttype == DOCTYPE) & (step.status == "Open"))
		.run(as_dict=True)
	)
	return {row.name: row for row in rows}


def thread_ids(names: list[str]) -> dict[str, str]:
	"""The first mail received on each case: our mails about it answer that one (In-Reply-To)."""
	rows = frappe.get_all(
		"Communication",
		filters={
			"reference_doctype": DOCTYPE,
			"reference_name": ["in", list(set(names))],
			"communication_type": "Communication",
			"sent_or_received": "Received",
		},
		fields=["reference_name", "name"],
		order_by="creation desc",
	)
	return {row.reference_name: row.name for row in rows}


def case_link(name: str, portal: bool, base_url: str | None = None) -> str:
	base_url = base_url or get_url()
	return f"{base_url}/partner/cases/{name}" if portal else f"{base_url}/app/mediation-case/{name}"


def _due(case, clock: str):
	return {"Response": case.response_due, "Resolution": case.resolution_due}.get(clock)


class _Resolver:
	"""Resolves whom each rung names, loading users and hot lines once per sweep batch."""

	def __init__(self, cases: dict):
		self._users = generic.users_by_name([c.assigned_to for c in cases.values() if c.assigned_to])
		self._roles: dict[str, list[Recipient]] = {}
		self._hotlines: dict[tuple, list[Recipient]] = {}
		self._chair: list[Recipient] | None = None

	def resolve(self, timer: dict, case) -> list[Recipient]:
		notify = timer.notify
		if notify == "Assignee":
			if case.assigned_to and case.assigned_to in self._users:
				return [self._users[case.assigned_to]]
			return self.role(MANAGER_ROLE)
		if notify == "Role":
			return self.role(timer.notify_value)
		if notify == "User":
			return generic.users([timer.notify_value])
		if notify == "Partner Hot Line":
			# no responsible partner reachable: the cooperative's managers, so nothing goes unheard
			return self.hotline(case) or self.role(MANAGER_ROLE)
		if notify == "Round Table Chair":
			return self.chair() or self.role(MANAGER_ROLE)
		return []

	def role(self, role: str) -> list[Recipient]:
		if role not in self._roles:
			self._roles[role] = generic.role_members(role)
		return self._roles[role]

	def hotline(self, case) -> list[Recipient]:
		organisation = case.referred_to
		if not organisation:
			match = get_responsible_contact(case.category, case.district) if case.category else None
			organisation = match.partner_organisation if match else None
		key = (organisation, case.category, case.district)
		if key not in self._hotlines:
			self._hotlines[key] = hotline_recipients(organisation, case.category, case.district)
		return self._hotlines[key]

	def chair(self) -> list[Recipient]:
		"""The chair of the round table: of the next meeting, else of the last one."""
		if self._chair is None:
			chair = frappe.db.get_value(
				"Round Table Meeting",
				{"starts_on": [">=", frappe.utils.now_datetime()], "chair": ["is", "set"]},
				"chair",
				order_by="starts_on asc",
			) or frappe.db.get_value(
				"Round Table Meeting", {"chair": ["is", "set"]}, "chair", order_by="starts_on desc"
			)
			self._chair = generic.users([chair]) if chair else []
		return self._chair
