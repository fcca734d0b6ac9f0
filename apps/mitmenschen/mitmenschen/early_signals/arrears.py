"""Rent arrears from the ERP's receivables: which households' overdue rent passes the threshold.

ERPNext keeps what a tenant still owes on each submitted Sales Invoice (`outstanding_amount`; a
Payment Entry or a credit note lowers it). The rent documents are whatever the settings name (a
property app's own doctype with the same fields works too). Rent counts as overdue when its due date
lies at least the configured days back; the monthly rent is the tenant's latest rent document.

Only the band (below one month's rent, one to two, above two) and the age in days leave this module:
amounts and documents are read into memory, compared and forgotten.
"""

from collections import defaultdict
from datetime import date

import frappe
from frappe import _
from frappe.query_builder.functions import Max, Min, Sum
from frappe.utils import add_days, date_diff, flt, getdate

from mitmenschen.early_signals.findings import ARREARS, LIVING_HERE, Finding, band_of
from mitmenschen.early_signals.settings import AMOUNT, SignalSettings


def tenants_of_households() -> dict[str, list[str]]:
	"""Tenant record -> households living here that it holds the tenancy of."""
	rows = frappe.get_all(
		"Refugee Household",
		filters={
			"status": ("in", LIVING_HERE),
			"anonymised_on": ("is", "not set"),
			"tenant": ("is", "set"),
			"tenant_doctype": "Customer",
		},
		fields=["name", "tenant"],
	)
	tenants: dict[str, list[str]] = defaultdict(list)
	for row in rows:
		tenants[row.tenant].append(row.name)
	return tenants


def overdue_by_tenant(
	rent_doctype: str, tenants: list[str], due_before: date
) -> dict[str, tuple[float, date]]:
	"""Tenant -> (sum outstanding, oldest due date) of submitted rent documents due on or before the day."""
	if not tenants:
		return {}
	doc = frappe.qb.DocType(rent_doctype)
	rows = (
		frappe.qb.from_(doc)
		.select(doc.customer, Sum(doc.outstanding_amount), Min(doc.due_date))
		.where(doc.docstatus == 1)
		.where(doc.customer.isin(tenants))
		.where(doc.outstanding_amount > 0)
		.where(doc.due_date <= due_before)
		.groupby(doc.customer)
		.run()
	)
	return {customer: (flt(total), getdate(oldest)) for customer, total, oldest in rows}


def monthly_rent(rent_doctype: str, tenants: list[str]) -> dict[str, float]:
	"""Tenant -> the total of its latest rent document (credit notes left out)."""
	if not tenants:
		return {}
	doc = frappe.qb.DocType(rent_doctype)
	latest = (
		frappe.qb.from_(doc)
		.select(doc.customer, Max(doc.due_date))
		.where((doc.docstatus == 1) & doc.customer.isin(tenants) & (doc.grand_total > 0))
		.groupby(doc.customer)
		.run()
	)
	rent = {}
	for customer, due in latest:
		rent[customer] = flt(
			frappe.db.get_value(
				rent_doctype,
				{"docstatus": 1, "customer": customer, "due_date": due, "grand_total": (">", 0)},
				"grand_total",
				order_by="creation desc",
			)
		)
	return rent


def passes(overdue: float, rent: float, settings: SignalSettings) -> bool:
	if settings.threshold_basis == AMOUNT:
		return overdue >= settings.threshold_amount > 0
	return rent > 0 and overdue >= settings.threshold_months * rent


def arrears_findings(settings: SignalSettings, today: date) -> list[Finding]:
	if not settings.arrears_enabled:
		return []
	tenants = tenants_of_households()
	overdue = overdue_by_tenant(settings.rent_doctype, list(tenants), add_days(today, -settings.days_overdue))
	rents = monthly_rent(settings.rent_doctype, list(overdue))
	findings = []
	for tenant, (amount, oldest_due) in overdue.items():
		rent = rents.get(tenant, 0.0)
		if not passes(amount, rent, settings):
			continue
		band = band_of(amount / rent) if rent else band_of(2.5)
		age = date_diff(today, oldest_due)
		for household in tenants[tenant]:
			findings.append(
				Finding(
					household=household,
					kind=ARREARS,
					since=oldest_due,
					cause=_("Rent overdue: {0}, for {1} days.").format(_(band), age),
					arrears_band=band,
					age_days=age,
				)
			)
	return findings
