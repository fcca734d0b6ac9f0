# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""Early Signal Figures: per kind, signals opened, offers made and taken up, arrears cleared within
three months of an offer — counts only, no household named. Thin: `early_signals.figures`."""

from frappe import _

from mitmenschen.early_signals.figures import signal_figures
from mitmenschen.evidence.period import of_filters


def execute(filters: dict | None = None):
	period, _scope = of_filters(filters or {})
	rows = [
		{
			"kind": _(row.kind),
			"opened": row.opened,
			"offers": row.offers,
			"taken_up": row.taken_up,
			"cleared_after_offer": row.cleared_after_offer,
		}
		for row in signal_figures(period.start, period.end)
	]
	return columns(), rows


def columns() -> list[dict]:
	return [
		{"label": _("Signal"), "fieldname": "kind", "fieldtype": "Data", "width": 220},
		{"label": _("Signals Opened"), "fieldname": "opened", "fieldtype": "Int", "width": 140},
		{"label": _("Offers Made"), "fieldname": "offers", "fieldtype": "Int", "width": 120},
		{"label": _("Offers Taken Up"), "fieldname": "taken_up", "fieldtype": "Int", "width": 140},
		{
			"label": _("Cleared Within Three Months of an Offer"),
			"fieldname": "cleared_after_offer",
			"fieldtype": "Int",
			"width": 260,
		},
	]
