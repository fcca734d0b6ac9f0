"""Household figures: households moved in, onboarding steps done on time, needs referred and met.

The onboarding plans (`Onboarding Plan`, its steps with due and done dates) and the needs referred to
partners (`Household Referral`: need, status, requested and done dates) come from the households
module; these functions only count them, with the same signature as every other figure
(`(period, scope) -> number`), so that `key_figures.FIGURES`, the half-year report and the cards show
them beside the cases. A period without any step or need answers None, shown as a dash.
"""

import frappe
from frappe.query_builder import Case as When
from frappe.query_builder.functions import Count, Sum

from mitmenschen.evidence.period import Period, Scope
from mitmenschen.evidence.query import percent


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
	"""Of the onboarding steps due in the period (skipped ones left out), the share done by their due date."""
	step, plan = frappe.qb.DocType("Onboarding Plan Step"), frappe.qb.DocType("Onboarding Plan")
	on_time = (step.status == "Done") & (step.done_on <= step.due_date)
	query = (
		frappe.qb.from_(step)
		.join(plan)
		.on(plan.name == step.parent)
		.select(Count("*").as_("due"), Sum(When().when(on_time, 1).else_(0)).as_("on_time"))
		.where(step.parenttype == "Onboarding Plan")
		.where(step.due_date >= period.start)
		.where(step.due_date <= period.end)
		.where(step.status != "Skipped")
	)
	if scope.district:
		household = frappe.qb.DocType("Refugee Household")
		query = (
			query.join(household)
			.on(household.name == plan.household)
			.where(household.district == scope.district)
		)
	row = query.run(as_dict=True)[0]
	return percent(int(row.on_time or 0), row.due)


def needs_referred(period: Period, scope: Scope) -> int:
	"""Needs of households referred to a partner in the period."""
	return _household_referrals("requested_on", period, scope)


def needs_met(period: Period, scope: Scope) -> int:
	"""Needs a partner reported met (the referral done) in the period."""
	return _household_referrals("done_on", period, scope, status="Done")


def _household_referrals(field: str, period: Period, scope: Scope, status: str | None = None) -> int:
	referral = frappe.qb.DocType("Household Referral")
	query = (
		frappe.qb.from_(referral)
		.select(Count("*"))
		.where(referral[field] >= period.begins)
		.where(referral[field] < period.ends)
	)
	if status:
		query = query.where(referral.status == status)
	if scope.partner:
		query = query.where(referral.partner_organisation == scope.partner)
	if scope.district:
		household = frappe.qb.DocType("Refugee Household")
		query = (
			query.join(household)
			.on(household.name == referral.household)
			.where(household.district == scope.district)
		)
	return query.run()[0][0]
