"""Mediation cases as a source of the escalation engine (registered in hooks: `escalation_sources`).

Whom a rung names is resolved when the step is due, not when it is scheduled: a case reassigned in
the meantime escalates to its new assignee. A case nobody is assigned to, or whose partner has no
reachable hot line, escalates to the managers. *Assignee* is the case's `assigned_to`, which is kept in
step with Frappe's assignment (ToDo, see `mediation/assignment.py`), as workflow mail reads it. The
other kinds are resolved by the modules that register them (the partner's hot line, the round table's
chair): a case hands them its `partner_organisation` (the partner it is referred to), category and
district.

Two more kinds of timer come here: a case's playbook steps (doctype "Mediation Case Step", clock
"Playbook Step": the mail names the case and the step), and the follow-up with the reporter (clock
"Follow-up" on the case). The follow-up's mail to the reporter goes out in `fired()`, after the
digests; `notices()` only tells the assignee when the reporter must be asked by letter or phone.
"""

from collections import defaultdict
from collections.abc import Iterable

import frappe
from frappe import _
from frappe.utils import get_url

from mitmenschen.escalation.recipients import Recipient, Resolver
from mitmenschen.escalation.sources import Notice, notice_for
from mitmenschen.mediation import follow_up

DOCTYPE = "Mediation Case"
STEP = "Mediation Case Step"
MANAGER_ROLE = "Mit:Menschen Manager"
ESCALATING_CLOCKS = ("Response", "Resolution")
FOLLOW_UP = follow_up.CLOCK
# clocks whose timeline note the source writes itself (the sweep's generic one would say "escalation")
OWN_TIMELINE_CLOCKS = frozenset({FOLLOW_UP})
# what the notices read of a case (whom to tell, the title, the deadline); the follow-up adds its own
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
	asks = any(t.clock == FOLLOW_UP for t in timers)
	cases = load_cases([t.reference_name for t in timers], follow_up.FIELDS if asks else ())
	resolver = case_resolver(cases.values())
	base_url = get_url()
	result = []
	for timer in timers:
		case = cases.get(timer.reference_name)
		if not case:
			continue  # deleted since: nothing to tell
		if timer.clock == FOLLOW_UP:
			result += follow_up_notices(timer, case, resolver, base_url)
			continue
		result += [
			notice_for(
				timer,
				recipient,
				title=case.subject,
				link=case_link(case.name, recipient.portal, base_url),
				due_at=_due(case, timer.clock),
			)
			for recipient in resolver.resolve(timer, case)
		]
	return result


def follow_up_notices(timer: dict, case, resolver: Resolver, base_url: str) -> list[Notice]:
	"""A reporter asked by letter or phone (no email address, or a site that sends none): the
	assignee is told to print the letter or call. A reporter with an address is mailed in `fired()`."""
	if follow_up.channel(case) != follow_up.BY_LETTER:
		return []
	return [
		notice_for(
			timer,
			recipient,
			title=_("Follow-up by letter or phone: {0}").format(case.subject),
			link=case_link(case.name, recipient.portal, base_url),
		)
		for recipient in resolver.resolve(frappe._dict(timer, notify="Assignee"), case)
	]


def load_cases(names: Iterable[str], extra_fields: Iterable[str] = ()) -> dict:
	"""The cases among `names` with the fields the notices read (and `extra_fields`), in one query."""
	names = list(set(names))
	if not names:
		return {}
	rows = frappe.get_all(
		DOCTYPE, filters={"name": ["in", names]}, fields=list(dict.fromkeys([*CASE_FIELDS, *extra_fields]))
	)
	return {row.name: as_record(row) for row in rows}


def as_record(case) -> dict:
	"""The case as the registered recipient kinds read it: its partner is the one it is referred to."""
	case.partner_organisation = case.referred_to
	return case


def case_resolver(cases: Iterable[dict]) -> Resolver:
	cases = list(cases)
	return Resolver(
		cases, assignee=_assignee, fallback_role=MANAGER_ROLE, users=[c.assigned_to for c in cases]
	)


def _assignee(resolver: Resolver, case) -> list[Recipient]:
	return resolver.users([case.assigned_to])


def fired(timers: list[dict]) -> None:
	"""Escalation level and SLA status of the cases follow the steps just sent (a set-based update
	per level and status change; the values are bound, the statements fixed)."""
	if timers and timers[0].reference_doctype == STEP:
		return steps_fired(timers)
	follow_ups = [t for t in timers if t.clock == FOLLOW_UP]
	if follow_ups:
		cases = load_cases([t.reference_name for t in follow_ups], follow_up.FIELDS)
		follow_up.ask([cases[t.reference_name] for t in follow_ups if t.reference_name in cases])
	level: dict[str, int] = {}
	status: dict[str, str] = {}
	for timer in timers:
		if timer.clock == FOLLOW_UP:
			continue
		name = timer.reference_name
		level[name] = max(level.get(name, 0), timer.level)
		if timer.clock in ESCALATING_CLOCKS:
			if timer.trigger == "After Breach" or (timer.percent or 0) >= 100:
				status[name] = BREACHED
			elif status.get(name) != BREACHED:
				status[name] = WARNING
	groups: dict[tuple, list[str]] = defaultdict(list)
	for name, reached in level.items():
		groups[(reached, status.get(name))].append(name)
	for (reached, change), names in groups.items():
		frappe.db.sql(
			UPDATE_CASES.format(status=SET_STATUS[change]), {"level": reached, "names": tuple(names)}
		)


BREACHED, WARNING = "Breached", "Warning"
# one statement per (level, status change): the level only rises, a breach outranks a warning, and a
# met or paused service level keeps its status
UPDATE_CASES = (
	"update `tabMediation Case` set escalation_level = greatest(escalation_level, %(level)s){status}"
	" where name in %(names)s"
)
SET_STATUS = {
	None: "",
	BREACHED: ", sla_status = if(coalesce(sla_status, '') in ('Met', 'Paused'), sla_status, 'Breached')",
	WARNING: ", sla_status = if(coalesce(sla_status, '') in ('', 'On Track'), 'Warning', sla_status)",
}


def step_notices(timers: list[dict]) -> list[Notice]:
	"""Overdue playbook steps: the mail and the log name the case (a step row means nothing to a reader)."""
	steps = open_steps([t.reference_name for t in timers])
	cases = {
		s.case: as_record(frappe._dict(name=s.case, **{f: s[f] for f in CASE_FIELDS if f != "name"}))
		for s in steps.values()
	}
	resolver = case_resolver(cases.values())
	base_url = get_url()
	result = []
	for timer in timers:
		step = steps.get(timer.reference_name)
		if not step:
			continue  # done, skipped or removed meanwhile
		result += [
			notice_for(
				timer,
				recipient,
				reference_doctype=DOCTYPE,
				reference_name=step.case,
				title=_("Playbook step {0}: {1}").format(step.step, step.subject),
				link=case_link(step.case, recipient.portal, base_url),
			)
			for recipient in resolver.resolve(timer, cases[step.case])
		]
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
