"""Household figures: households moved in now; onboarding progress and needs found and met later.

The onboarding plan and the needs → offers matching (DESIGN.md, "Acting before the first complaint")
do not exist yet. When they land, each figure gets one function here with the same signature as the
others (`(period, scope) -> number or rows`), and `key_figures.FIGURES` lists it: the half-year report,
the dashboard and a "Household Onboarding" report then show it without changes to them. Until then
those functions answer `None` ("not recorded"), which every presenter shows as a dash.
"""

import frappe
from frappe.query_builder.functions import Count

from mitmenschen.evidence.period import Period, Scope


def households_moved_in(period: Period, scope: Scope) -> int:
	"""Households whose move-in date lies in the period (in the scope's district)."""
	table = frappe.qb.DocType("Refugee Household")
	query = (
		frappe.qb.from_(table)
		.select(Count("*"))
		.where(table.move_in_date >= period.start)
		.where(table.move_in_date <= period.end)
	)
	if scope.district:
		query = query.where(table.district == scope.district)
	return query.run()[0][0]


def onboarding_steps_done_pct(period: Period, scope: Scope) -> float | None:
	"""Share of onboarding steps due in the period that were done on time: not recorded yet."""
	return None


def needs_met(period: Period, scope: Scope) -> dict[str, int] | None:
	"""Needs found in the period and how many a partner met: not recorded yet."""
	return None
