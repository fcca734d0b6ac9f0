"""A household's early signals (rent arrears band, overdue steps, expiring consents …) are data about
the family: the Art. 15 export lists them with the offers made, the purpose the arrears signal serves
while it is on, and erasure or retention deletes them with their trail. Deleted, not anonymised: a
signal without its household says nothing the round table's figures need (they count offers and
clearances while the household is here)."""

import frappe

from mitmenschen.privacy.trail import scrub_trail

SIGNAL = "Early Signal"


def household_signals(households: list[str]) -> list[str]:
	if not households:
		return []
	return frappe.get_all(SIGNAL, filters={"household": ("in", households)}, pluck="name")


def export_household_signals(household: str) -> dict:
	signals = [frappe.get_doc(SIGNAL, name).as_dict() for name in household_signals([household])]
	settings = frappe.get_cached_doc("Mitmenschen Settings")
	purpose = settings.get("arrears_purpose") if settings.get("arrears_signal_enabled") else None
	return {"early_signals": signals, "early_signals_arrears_purpose": purpose}


def delete_household_signals(households: list[str], include_unindexed_logs: bool = False) -> int:
	"""Delete the signals (offers included) and what Frappe keeps beside them, without copies in
	Deleted Document."""
	names = household_signals(households)
	if not names:
		return 0
	scrub_trail(SIGNAL, names, include_unindexed_logs=include_unindexed_logs)
	frappe.db.delete("Support Offer", {"parenttype": SIGNAL, "parent": ("in", names)})
	frappe.db.delete(SIGNAL, {"name": ("in", names)})
	return len(names)
