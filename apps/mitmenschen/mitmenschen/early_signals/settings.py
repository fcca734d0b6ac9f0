"""The early signals' part of Mit:Menschen Settings: which signals run and where their thresholds lie.

The arrears signal reads the ERP's rent ledger, which the tenancy, not the integration work, needs:
it is off until the cooperative switches it on *and* names the purpose, which the privacy notice then
shows (DSGVO Art. 5(1)(b), purpose limitation; Art. 13, information).
"""

from dataclasses import dataclass

import frappe
from frappe import _

SETTINGS = "Mitmenschen Settings"
MONTHS, AMOUNT = "Months of Rent", "Amount"
# the fields a rent document needs: who owes, when it was due, what is still open, what it was
RENT_FIELDS = ("customer", "due_date", "outstanding_amount", "grand_total")


class EarlySignalSettingsError(frappe.ValidationError):
	pass


@dataclass(frozen=True)
class SignalSettings:
	arrears_enabled: bool = False
	arrears_purpose: str = ""
	rent_doctype: str = "Sales Invoice"
	threshold_basis: str = MONTHS
	threshold_months: float = 1.0
	threshold_amount: float = 0.0
	days_overdue: int = 14
	onboarding_overdue_days: int = 14
	unmet_need_weeks: int = 6
	recurring_complaints: int = 2
	consent_expiry_days: int = 30


def signal_settings() -> SignalSettings:
	"""The stored values; a field never saved (a site from before the early signals) keeps its default
	(Frappe reads it as 0, which would fire every signal at once)."""
	stored = frappe.db.get_singles_dict(SETTINGS, cast=False)
	default = SignalSettings()

	def value(field: str, fallback, kind=int):
		raw = stored.get(field)
		return fallback if raw is None or raw == "" else kind(float(raw))

	return SignalSettings(
		arrears_enabled=bool(value("arrears_signal_enabled", 0)),
		arrears_purpose=(stored.get("arrears_purpose") or "").strip(),
		rent_doctype=stored.get("rent_doctype") or default.rent_doctype,
		threshold_basis=stored.get("arrears_threshold_basis") or default.threshold_basis,
		threshold_months=value("arrears_threshold_months", default.threshold_months, float),
		threshold_amount=value("arrears_threshold_amount", default.threshold_amount, float),
		days_overdue=value("arrears_days_overdue", default.days_overdue),
		onboarding_overdue_days=value("onboarding_overdue_days", default.onboarding_overdue_days),
		unmet_need_weeks=value("unmet_need_weeks", default.unmet_need_weeks),
		recurring_complaints=value("recurring_complaints", default.recurring_complaints),
		consent_expiry_days=value("consent_expiry_days", default.consent_expiry_days),
	)


def validate_settings(doc, method: str | None = None) -> None:
	"""doc_events hook on Mitmenschen Settings: no arrears signal without its purpose, a rent doctype
	that has what the signal reads, thresholds that mean something."""
	if not doc.get("arrears_signal_enabled"):
		return
	if not (doc.get("arrears_purpose") or "").strip():
		frappe.throw(
			_(
				"Please name the purpose of the arrears signal before switching it on: the privacy notice "
				"shows it to the families."
			),
			title=_("Purpose Required"),
			exc=EarlySignalSettingsError,
		)
	rent_doctype = doc.get("rent_doctype") or "Sales Invoice"
	meta = frappe.get_meta(rent_doctype)
	if missing := [field for field in RENT_FIELDS if not meta.has_field(field)]:
		frappe.throw(
			_("{0} cannot hold rent documents: it lacks the fields {1}.").format(
				frappe.bold(_(rent_doctype)), ", ".join(missing)
			),
			title=_("Invalid DocType"),
			exc=EarlySignalSettingsError,
		)
	basis = doc.get("arrears_threshold_basis") or MONTHS
	threshold = (
		doc.get("arrears_threshold_months") if basis == MONTHS else doc.get("arrears_threshold_amount")
	)
	if not threshold or threshold <= 0 or (doc.get("arrears_days_overdue") or 0) < 0:
		frappe.throw(
			_("Please give a threshold above zero and the days overdue (0 or more)."),
			title=_("Threshold Required"),
			exc=EarlySignalSettingsError,
		)


def arrears_purpose() -> str | None:
	"""The purpose text while the arrears signal is on (the privacy notice and export show it)."""
	settings = signal_settings()
	return settings.arrears_purpose if settings.arrears_enabled else None
