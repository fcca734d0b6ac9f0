"""The default template's house-rules step ticks itself when an explanation is recorded (issue #23):
mark that step (by its German name, as the default template made it) in templates and plans, then
tick the open ones of households whose explanation is already on record. Re-running changes nothing.
"""

import frappe

from mitmenschen.households.onboarding import HOUSE_RULES_EXPLAINED, PLAN, STEP, tick_recorded_steps
from mitmenschen.households.onboarding_setup import HOUSE_RULES_STEP


def execute() -> None:
	for doctype in ("Onboarding Template Step", STEP):
		frappe.db.set_value(
			doctype,
			{"step": HOUSE_RULES_STEP, "done_when": ("is", "not set")},
			"done_when",
			HOUSE_RULES_EXPLAINED,
			update_modified=False,
		)
	plans = frappe.get_all(
		STEP,
		filters={"parenttype": PLAN, "done_when": HOUSE_RULES_EXPLAINED, "status": "Open"},
		pluck="parent",
		distinct=True,
	)
	for household in frappe.get_all(PLAN, filters={"name": ("in", plans)}, pluck="household"):
		tick_recorded_steps(frappe.get_doc("Refugee Household", household))
