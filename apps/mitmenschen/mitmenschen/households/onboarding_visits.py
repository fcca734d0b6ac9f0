"""The family is reminded of an onboarding appointment it attends (the welcome visit, the house rules
explained at home, the visit after six weeks): an open step with an appointment (`visit_on`) reminds
the household the day before, from 08:00, through outbound.notices.notify — its agreed channel in its
language (SMS, WhatsApp, email, else a letter; a household without contact channels by its tenant
email, as before channels existed). Once per appointment: the key names the step and the time, so a
moved appointment is reminded again and the hourly job never twice.

Overdue steps remind staff only (escalation_source.py). The family's text says when, where and whom to
call, not the step: its name is the cooperative's German working title.
"""

from datetime import datetime, timedelta

import frappe
from frappe import _
from frappe.utils import format_date, format_time, get_datetime, now_datetime

from mitmenschen.households.house_rules import household_language
from mitmenschen.households.house_rules_sending import household_email
from mitmenschen.language import text_direction
from mitmenschen.outbound.notices import notify
from mitmenschen.outbound.templates import TemplateSet

STEP, PLAN, HOUSEHOLD = "Onboarding Plan Step", "Onboarding Plan", "Refugee Household"
REMIND_FROM_HOUR = 8  # the day before, from 08:00


def family_texts(lang: str) -> tuple[str, str]:
	"""Jinja: date, time, where, phone (a reader's text: every portal language)."""
	subject = _("Reminder: your appointment tomorrow", lang=lang)
	lines = [
		_("Hello,", lang=lang),
		_("tomorrow, {0} at {1}, you have an appointment with the cooperative.", lang=lang).format(
			"{{ date }}", "{{ time }}"
		),
		"{% if where %}" + _("Place: {0}", lang=lang).format("{{ where }}") + "{% endif %}",
		"{% if phone %}"
		+ _("If you cannot come, please call {0}.", lang=lang).format("{{ phone }}")
		+ "{% endif %}",
	]
	body = "".join(f"<p>{line}</p>" for line in lines)
	return subject, f'<div lang="{lang}" dir="{text_direction(lang)}">{body}</div>'


FAMILY = TemplateSet("Mit:Menschen Onboarding Appointment – Family", family_texts)


def reminder_due(visit_on, now: datetime) -> bool:
	visit = get_datetime(visit_on)
	day_before = datetime.combine(visit.date() - timedelta(days=1), datetime.min.time())
	return day_before + timedelta(hours=REMIND_FROM_HOUR) <= now < visit


def due_steps(now: datetime) -> list[dict]:
	"""Open steps whose appointment is ahead, by the end of tomorrow, with their household."""
	step, plan = frappe.qb.DocType(STEP), frappe.qb.DocType(PLAN)
	until = datetime.combine(now.date() + timedelta(days=2), datetime.min.time())
	rows = (
		frappe.qb.from_(step)
		.join(plan)
		.on(step.parent == plan.name)
		.select(
			step.name,
			step.visit_on,
			step.visit_place,
			step.responsible_type,
			step.responsible,
			plan.household,
		)
		.where((step.parenttype == PLAN) & (step.status == "Open"))
		.where((step.visit_on > str(now)) & (step.visit_on < str(until)))
		.run(as_dict=True)
	)
	return [row for row in rows if reminder_due(row.visit_on, now)]


def contact_phone(step, household) -> str | None:
	"""The phone of the step's user, else of the household's responsible clerk."""
	user = step.responsible if step.responsible_type == "User" and step.responsible else None
	if not user:
		assigned = frappe.parse_json(household._assign) if household.get("_assign") else []
		user = (assigned[0] if assigned else None) or household.owner
	phones = frappe.db.get_value("User", user, ["phone", "mobile_no"]) if user else None
	return next((p for p in phones or () if p), None)


def remind(step) -> str:
	"""Queues the family's reminder of the step's appointment; returns the Outbound Message."""
	household = frappe.get_doc(HOUSEHOLD, step.household)
	visit = get_datetime(step.visit_on)
	context = {
		"date": format_date(visit.date(), "dd.MM.yyyy"),
		"time": format_time(visit.time(), "HH:mm"),
		"where": step.visit_place or "",
		"phone": contact_phone(step, household) or "",
	}
	return notify(
		(HOUSEHOLD, household.name),
		FAMILY,
		context,
		reference=(HOUSEHOLD, household.name),
		key=f"onboarding-visit:{step.name}:{visit:%Y-%m-%d %H:%M}",
		language=household_language(household),
		email=household_email(household),
	)


def remind_due(now: datetime | None = None) -> list[str]:
	"""Hourly: every appointment of tomorrow (and one today not yet reminded) once. Each is committed on
	its own, so its message leaves at once and a failure elsewhere loses nothing."""
	sent = []
	for step in due_steps(now or now_datetime()):
		try:
			sent.append(remind(step))
			frappe.db.commit()
		except Exception:
			frappe.db.rollback()
			frappe.log_error(title=f"Onboarding appointment reminder {step.name}")
	return sent
