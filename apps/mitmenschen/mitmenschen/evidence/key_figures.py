"""The key figures of a period, each beside the same figure of the previous period.

`FIGURES` is the list the half-year report prints and the number cards draw from: one entry per
figure, naming the function of this package that computes it (households' onboarding and needs
included, see households.py). A figure without data in a period answers None and shows as a dash;
adding a figure is adding a line here.
"""

from collections.abc import Callable
from dataclasses import dataclass

import frappe
from frappe import _lt

from mitmenschen.evidence import cases, households, recurrence, referrals, sla
from mitmenschen.evidence.period import Period, Scope

Value = int | float | None


def _memo(fn):
	"""Within one `key_figures` call, figures that share a computation (SLA, referrals) run it once."""

	def wrapper(period: Period, scope: Scope):
		cache = getattr(frappe.local, "evidence_memo", None)
		if cache is None:
			return fn(period, scope)
		key = (fn.__name__, period, scope)
		if key not in cache:
			cache[key] = fn(period, scope)
		return cache[key]

	return wrapper


@_memo
def _sla(period: Period, scope: Scope) -> sla.SlaRow:
	rows = sla.sla_compliance(period, scope)
	return rows[0] if rows else sla.SlaRow(None)


def response_within_target(period: Period, scope: Scope) -> Value:
	return _sla(period, scope).response_pct


def resolution_within_target(period: Period, scope: Scope) -> Value:
	return _sla(period, scope).resolution_pct


def median_resolution_hours(period: Period, scope: Scope) -> Value:
	return _sla(period, scope).hours.get("resolution_median")


def open_at_end(period: Period, scope: Scope) -> Value:
	rows = cases.monthly_cases(period, scope)
	last = [row for row in rows if row.month == period.months()[-1]]
	return last[0].open_at_end if last else 0


@_memo
def _referrals(period: Period, scope: Scope) -> dict:
	return referrals.referral_totals(period, scope)


@_memo
def _actions(period: Period, scope: Scope) -> dict:
	return referrals.action_totals(period)


def referrals_requested(period: Period, scope: Scope) -> Value:
	return _referrals(period, scope)["referrals"]


def referrals_answered(period: Period, scope: Scope) -> Value:
	totals = _referrals(period, scope)
	return totals["accepted"] + totals["declined"]


def referral_acceptance(period: Period, scope: Scope) -> Value:
	return _referrals(period, scope)["acceptance_pct"]


def actions_done(period: Period, scope: Scope) -> Value:
	return _actions(period, scope)["done"]


def actions_overdue(period: Period, scope: Scope) -> Value:
	return _actions(period, scope)["overdue"]


@dataclass(frozen=True)
class Figure:
	key: str
	label: object  # lazily translated (frappe._lt): shown in the reader's language
	compute: Callable[[Period, Scope], Value]
	unit: str = ""  # "%", "h" (working hours) or ""
	better: str = "higher"  # which direction is an improvement: "higher", "lower" or "" (neither)


FIGURES: list[Figure] = [
	Figure("new_cases", _lt("New cases"), cases.new_cases, better=""),
	Figure("closed_cases", _lt("Closed cases"), cases.closed_cases),
	Figure("open_at_end", _lt("Open cases at the end of the period"), open_at_end, better="lower"),
	Figure("response_within_target", _lt("First response within target"), response_within_target, "%"),
	Figure("resolution_within_target", _lt("Resolution within target"), resolution_within_target, "%"),
	Figure(
		"median_resolution_hours", _lt("Median time to resolution"), median_resolution_hours, "h", "lower"
	),
	Figure("recurrences", _lt("Recurring problems"), recurrence.recurrences, better="lower"),
	Figure("referrals", _lt("Referrals to partners"), referrals_requested),
	Figure("referrals_answered", _lt("Referrals answered by partners"), referrals_answered),
	Figure("referral_acceptance", _lt("Referrals accepted (of those answered)"), referral_acceptance, "%"),
	Figure("actions_done", _lt("Round-table actions done"), actions_done),
	Figure("actions_overdue", _lt("Round-table actions overdue"), actions_overdue, better="lower"),
	Figure("households_moved_in", _lt("Households moved in"), households.households_moved_in),
	Figure(
		"onboarding_on_time", _lt("Onboarding steps done on time"), households.onboarding_steps_done_pct, "%"
	),
	Figure("needs_referred", _lt("Household needs referred to partners"), households.needs_referred),
	Figure("needs_met", _lt("Household needs met"), households.needs_met),
]


@dataclass
class KeyFigure:
	key: str
	label: str
	value: Value
	previous: Value
	unit: str
	better: str

	@property
	def change(self) -> Value:
		if self.value is None or self.previous is None:
			return None
		return round(self.value - self.previous, 1)


def key_figures(period: Period, scope: Scope | None = None) -> list[KeyFigure]:
	scope = scope or Scope()
	before = period.previous()
	frappe.local.evidence_memo = {}
	try:
		return [
			KeyFigure(
				figure.key,
				str(figure.label),
				figure.compute(period, scope),
				figure.compute(before, scope),
				figure.unit,
				figure.better,
			)
			for figure in FIGURES
		]
	finally:
		frappe.local.evidence_memo = None


def figure(key: str, period: Period, scope: Scope | None = None) -> Value:
	"""One figure by key (for a number card)."""
	return next(f for f in FIGURES if f.key == key).compute(period, scope or Scope())
