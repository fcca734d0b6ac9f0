"""Early signs the app already holds, one function per kind: each returns its findings for all
households living here, with a fixed number of queries whatever their number.

- onboarding steps still open N days after they were due;
- a need (derived in `households.needs`) that has had no open or done referral for N weeks since the
  family moved in or since its last referral was declined;
- the same need declined by partners twice, with nothing requested, accepted or done since;
- complaints about the household's flat (its property unit, or naming the household) recurring within
  the mediation settings' recurrence window — complaints the family itself made do not count;
- a consent expiring within N days that no later consent for the same purpose and partner continues.
"""

from collections import defaultdict
from datetime import date

import frappe
from frappe import _
from frappe.query_builder.functions import Count, Min
from frappe.utils import add_days, format_date, get_datetime, getdate

from mitmenschen.early_signals.findings import (
	COMPLAINTS,
	CONSENT,
	DECLINED_TWICE,
	LIVING_HERE,
	ONBOARDING,
	UNMET_NEED,
	Finding,
)
from mitmenschen.early_signals.settings import SignalSettings
from mitmenschen.households.needs import unmet_needs
from mitmenschen.mediation.recurrence import get_window_days

OPEN_OR_MET = ("Requested", "Accepted", "Done")


def households_living_here() -> dict[str, frappe._dict]:
	rows = frappe.get_all(
		"Refugee Household",
		filters={"status": ("in", LIVING_HERE), "anonymised_on": ("is", "not set")},
		fields=[
			"name",
			"tenant",
			"tenant_doctype",
			"property_unit",
			"move_in_date",
			"arrival_date",
			"creation",
		],
	)
	return {row.name: row for row in rows}


def onboarding_findings(settings: SignalSettings, today: date, households: dict) -> list[Finding]:
	days = settings.onboarding_overdue_days
	step, plan = frappe.qb.DocType("Onboarding Plan Step"), frappe.qb.DocType("Onboarding Plan")
	rows = (
		frappe.qb.from_(step)
		.join(plan)
		.on((plan.name == step.parent) & (step.parenttype == "Onboarding Plan"))
		.select(plan.household, Count("*"), Min(step.due_date))
		.where(step.status == "Open")
		.where(step.due_date < add_days(today, -days))
		.groupby(plan.household)
		.run()
	)
	return [
		Finding(
			household=household,
			kind=ONBOARDING,
			since=getdate(oldest),
			cause=_("{0} onboarding step(s) open for more than {1} days after their due date.").format(
				count, days
			),
		)
		for household, count, oldest in rows
		if household in households
	]


def unmet_need_findings(settings: SignalSettings, today: date, households: dict) -> list[Finding]:
	cutoff = add_days(today, -7 * settings.unmet_need_weeks)
	last_declined = {
		(row.household, row.need): get_datetime(row.answered).date()
		for row in frappe.get_all(
			"Household Referral",
			filters={"status": "Declined", "household": ("in", list(households) or [""])},
			fields=["household", "need", "max(ifnull(responded_on, modified)) as answered"],
			group_by="household, need",
		)
	}
	waiting: dict[str, list[tuple[str, date]]] = defaultdict(list)
	for need, referrals in unmet_needs():
		household = households.get(need.household)
		if not household or any(r.status in OPEN_OR_MET for r in referrals):
			continue
		start = getdate(household.move_in_date or household.arrival_date or household.creation)
		declined = last_declined.get((need.household, need.need))
		since = max(start, declined) if declined else start
		if since <= getdate(cutoff):
			waiting[need.household].append((need.need, since))
	return [
		Finding(
			household=household,
			kind=UNMET_NEED,
			since=min(since for _need, since in needs),
			cause=_("Without an offer for more than {0} weeks: {1}.").format(
				settings.unmet_need_weeks, ", ".join(sorted({_(need) for need, _since in needs}))
			),
		)
		for household, needs in waiting.items()
	]


def declined_twice_findings(settings: SignalSettings, today: date, households: dict) -> list[Finding]:
	rows = frappe.get_all(
		"Household Referral",
		filters={"household": ("in", list(households) or [""])},
		fields=["household", "need", "status", "responded_on", "modified"],
		order_by="creation asc",
	)
	by_need: dict[tuple[str, str], list] = defaultdict(list)
	for row in rows:
		by_need[(row.household, row.need)].append(row)
	found: dict[str, list[tuple[str, date]]] = defaultdict(list)
	for (household, need), referrals in by_need.items():
		declined = [r for r in referrals if r.status == "Declined"]
		if len(declined) < 2 or any(r.status in OPEN_OR_MET for r in referrals):
			continue
		found[household].append((need, get_datetime(declined[1].responded_on or declined[1].modified).date()))
	return [
		Finding(
			household=household,
			kind=DECLINED_TWICE,
			since=min(since for _need, since in needs),
			cause=_("Declined twice by partners: {0}.").format(", ".join(sorted({_(n) for n, _s in needs}))),
		)
		for household, needs in found.items()
	]


def complaint_findings(settings: SignalSettings, today: date, households: dict) -> list[Finding]:
	window = get_window_days()
	threshold = max(settings.recurring_complaints, 1)
	if window <= 0 or not households:
		return []
	by_unit = defaultdict(list)
	for name, household in households.items():
		if household.property_unit:
			by_unit[household.property_unit].append(name)
	since = add_days(today, -window)
	cases = frappe.get_all(
		"Mediation Case",
		filters={"opened_on": (">=", since), "property_unit": ("in", list(by_unit) or [""])},
		fields=["name", "property_unit", "respondent_household", "reporter_tenant", "opened_on"],
	)
	cases += frappe.get_all(
		"Mediation Case",
		filters={"opened_on": (">=", since), "respondent_household": ("in", list(households))},
		fields=["name", "property_unit", "respondent_household", "reporter_tenant", "opened_on"],
	)
	about: dict[str, dict[str, date]] = defaultdict(dict)
	for case in cases:
		concerned = set(by_unit.get(case.property_unit, ()))
		if case.respondent_household in households:
			concerned.add(case.respondent_household)
		for household in concerned:
			tenant = households[household].tenant
			if tenant and case.reporter_tenant == tenant:
				continue  # the family's own report is not a complaint about it
			about[household][case.name] = get_datetime(case.opened_on).date()
	return [
		Finding(
			household=household,
			kind=COMPLAINTS,
			since=min(opened.values()),
			cause=_("{0} complaints about the flat within {1} days.").format(len(opened), window),
		)
		for household, opened in about.items()
		if len(opened) >= threshold
	]


def consent_findings(settings: SignalSettings, today: date, households: dict) -> list[Finding]:
	rows = frappe.get_all(
		"Household Consent",
		filters={"parenttype": "Refugee Household", "parent": ("in", list(households) or [""])},
		fields=["parent", "purpose", "partner_organisation", "given_on", "expires_on", "withdrawn_on"],
	)
	horizon = getdate(add_days(today, settings.consent_expiry_days))

	def in_force(row) -> bool:
		return (
			bool(row.given_on)
			and getdate(row.given_on) <= today
			and (not row.withdrawn_on or getdate(row.withdrawn_on) > today)
		)

	by_household = defaultdict(list)
	for row in rows:
		by_household[row.parent].append(row)
	found: dict[str, list] = defaultdict(list)
	for household, consents in by_household.items():
		for row in consents:
			if not (in_force(row) and row.expires_on and today <= getdate(row.expires_on) <= horizon):
				continue
			continued = any(
				other is not row
				and in_force(other)
				and other.purpose == row.purpose
				and (other.partner_organisation or "") in ("", row.partner_organisation or "")
				and (not other.expires_on or getdate(other.expires_on) > getdate(row.expires_on))
				for other in consents
			)
			if not continued:
				found[household].append(row)
	findings = []
	for household, expiring in found.items():
		first = min(getdate(row.expires_on) for row in expiring)
		findings.append(
			Finding(
				household=household,
				kind=CONSENT,
				since=max(
					getdate(add_days(first, -settings.consent_expiry_days)),
					min(getdate(row.given_on) for row in expiring),
				),
				cause=_("Consent expires on {0}: {1}.").format(
					format_date(first), ", ".join(sorted({_(row.purpose) for row in expiring}))
				),
			)
		)
	return findings


IN_APP = (
	onboarding_findings,
	unmet_need_findings,
	declined_twice_findings,
	complaint_findings,
	consent_findings,
)
