"""The households' own data (after install and migrate): the German default onboarding template, the
escalation ladder of overdue onboarding steps, and the Service Types that onboarding steps and
needs name. Each is created once and then the cooperative's to edit: nothing existing is changed.
"""

import frappe

from mitmenschen.escalation.setup import rung
from mitmenschen.households.needs import NEED_SERVICE_TYPES

CLERK = "Mit:Menschen Clerk"
DEFAULT_TEMPLATE = "Einzug (Standard)"
HOUSING_SUPPORT, BUDDY_SERVICE = "Wohnbegleitung", "Ehrenamtliche Patenschaft"

# step, days after move-in, responsible type, responsible, for each child
DEFAULT_STEPS = [
	("Begrüßungsbesuch in der neuen Wohnung", 2, "Role", CLERK, 0),
	("Hausordnung in der Sprache der Familie erklärt", 7, "Role", CLERK, 0),
	("Mülltrennung gezeigt", 14, "Service Type", HOUSING_SUPPORT, 0),
	("Heizen und Lüften gezeigt", 14, "Service Type", HOUSING_SUPPORT, 0),
	("Ehrenamtliche Patin oder ehrenamtlicher Pate vermittelt", 21, "Service Type", BUDDY_SERVICE, 0),
	("Schul-, Kita- oder Nachmittagsplatz geprüft", 21, "Role", CLERK, 1),
	("Nachbesuch nach sechs Wochen", 42, "Role", CLERK, 0),
]

# steps that tick themselves when the household's record shows them done (onboarding.tick_recorded_steps)
HOUSE_RULES_STEP = DEFAULT_STEPS[1][0]
DONE_WHEN = {HOUSE_RULES_STEP: "House Rules Explained"}

SERVICE_TYPES = {
	NEED_SERVICE_TYPES["Kindergarten Place"]: "Betreuung kleiner Kinder: Kita, Krippe, Spielgruppe.",
	NEED_SERVICE_TYPES["School Place"]: "Hilfe bei der Anmeldung an einer Schule oder Vorklasse.",
	NEED_SERVICE_TYPES["Interpreter"]: "Sprachmittlung vor Ort, am Telefon oder per Video.",
	NEED_SERVICE_TYPES["Language Course"]: "Deutsch- und Integrationskurse, auch mit Kinderbetreuung.",
	HOUSING_SUPPORT: "Einführung in Hausordnung, Mülltrennung, Heizen und Lüften.",
	BUDDY_SERVICE: "Eine feste Patin oder ein fester Pate begleitet die Familie im Alltag.",
}

ONBOARDING_LADDER = [  # clock, level, trigger, percent, hours after breach, whom, role
	("Onboarding", 1, "Share of Target", 100, 0, "Assignee", None),
	("Onboarding", 2, "After Breach", 100, 40, "Role", "Mit:Menschen Manager"),
]


def after_migrate() -> None:
	ensure_service_types()
	ensure_default_template()
	ensure_onboarding_ladder()
	ensure_notice_templates()
	frappe.db.commit()


def ensure_notice_templates() -> None:
	"""The families' notices as Email Templates per language, for the cooperative to edit: the house
	rules on the agreed channel and the reminder of an onboarding appointment."""
	from mitmenschen.households.house_rules_sending import NOTICE
	from mitmenschen.households.onboarding_visits import FAMILY
	from mitmenschen.language import PORTAL_LANGUAGES
	from mitmenschen.outbound.templates import ensure

	for templates in (NOTICE, FAMILY):
		ensure(templates, PORTAL_LANGUAGES)


def ensure_service_types() -> None:
	for name, description in SERVICE_TYPES.items():
		if not frappe.db.exists("Service Type", name):
			frappe.get_doc(
				{"doctype": "Service Type", "service_name": name, "description": description}
			).insert(ignore_permissions=True)


def ensure_default_template() -> None:
	if frappe.db.exists("Onboarding Template", {}):
		return
	frappe.get_doc(
		{
			"doctype": "Onboarding Template",
			"template_name": DEFAULT_TEMPLATE,
			"is_default": 1,
			"description": "Die ersten sechs Wochen nach dem Einzug einer Familie.",
			"steps": [
				{
					"step": step,
					"day_offset": days,
					"responsible_type": kind,
					"responsible": responsible,
					"for_each_child": per_child,
					"done_when": DONE_WHEN.get(step),
				}
				for step, days, kind, responsible, per_child in DEFAULT_STEPS
			],
		}
	).insert(ignore_permissions=True)


def ensure_onboarding_ladder() -> None:
	settings = frappe.get_single("Mitmenschen Settings")
	if settings.get("onboarding_ladder"):
		return
	for row in ONBOARDING_LADDER:
		settings.append("onboarding_ladder", rung(row))
	settings.flags.ignore_permissions = True
	settings.save()
