"""The early signals' settings get their defaults on sites that existed before them (Frappe fills a
single doctype's new fields only for new sites' forms): the arrears signal stays off."""

import frappe

DEFAULTS = {
	"arrears_signal_enabled": 0,
	"rent_doctype": "Sales Invoice",
	"arrears_threshold_basis": "Months of Rent",
	"arrears_threshold_months": 1,
	"arrears_days_overdue": 14,
	"onboarding_overdue_days": 14,
	"unmet_need_weeks": 6,
	"recurring_complaints": 2,
	"consent_expiry_days": 30,
}


def execute() -> None:
	singles = frappe.qb.Table("tabSingles")
	stored = set(
		frappe.qb.from_(singles)
		.select(singles.field)
		.where(singles.doctype == "Mitmenschen Settings")
		.run(pluck=True)
	)
	for field, value in DEFAULTS.items():
		if field not in stored:
			frappe.db.set_single_value("Mitmenschen Settings", field, value)
