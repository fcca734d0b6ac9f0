# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""Partner Referrals: per partner organisation, referrals requested in the period, how many it
accepted or declined and how fast (median working hours), how many it reported done, and its
round-table actions due in the period, done and overdue. Thin: `mitmenschen.evidence.referrals`.
"""

from frappe import _

from mitmenschen.evidence.period import of_filters
from mitmenschen.evidence.query import percent
from mitmenschen.evidence.referrals import partner_referrals

COUNTS = (
	"referrals",
	"accepted",
	"declined",
	"waiting",
	"done",
	"actions_done",
	"actions_overdue",
	"actions_open",
)


def execute(filters: dict | None = None):
	period, scope = of_filters(filters)
	rows = [row.as_dict() for row in partner_referrals(period, scope)]
	data = rows
	if len(rows) > 1:
		total = {key: sum(row[key] for row in rows) for key in COUNTS}
		total |= {
			"partner": _("All partners"),
			"acceptance_pct": percent(total["accepted"], total["accepted"] + total["declined"]),
			"done_pct": percent(total["done"], total["accepted"]),
			"bold": 1,
		}
		data = [*rows, total]
	chart = {
		"data": {
			"labels": [row["partner"] for row in rows],
			"datasets": [
				{
					"name": _("Accepted", context="Mediation Case"),
					"values": [row["accepted"] for row in rows],
				},
				{"name": _("Declined"), "values": [row["declined"] for row in rows]},
				{"name": _("Awaiting Answer"), "values": [row["waiting"] for row in rows]},
			],
		},
		"type": "bar",
		"barOptions": {"stacked": 1},
		"colors": ["#4c9a5b", "#b44b4b", "#e08a2c"],
	}
	return columns(), data, None, chart


def columns() -> list[dict]:
	def count(label: str, fieldname: str, width: int = 100) -> dict:
		return {"label": label, "fieldname": fieldname, "fieldtype": "Int", "width": width}

	return [
		{
			"label": _("Partner Organisation"),
			"fieldname": "partner",
			"fieldtype": "Link",
			"options": "Partner Organisation",
			"width": 220,
		},
		count(_("Referrals"), "referrals"),
		count(_("Accepted", context="Mediation Case"), "accepted"),
		count(_("Declined"), "declined"),
		count(_("Awaiting Answer"), "waiting", 130),
		{
			"label": _("Acceptance Rate"),
			"fieldname": "acceptance_pct",
			"fieldtype": "Percent",
			"precision": 1,
			"width": 130,
		},
		{
			"label": _("Median Time to Accept (h)"),
			"fieldname": "accept_median",
			"fieldtype": "Float",
			"precision": 1,
			"width": 170,
		},
		{
			"label": _("Median Time to Decline (h)"),
			"fieldname": "decline_median",
			"fieldtype": "Float",
			"precision": 1,
			"width": 170,
		},
		count(_("Done"), "done", 80),
		{
			"label": _("Done Rate"),
			"fieldname": "done_pct",
			"fieldtype": "Percent",
			"precision": 1,
			"width": 110,
		},
		count(_("Actions Done"), "actions_done", 120),
		count(_("Actions Overdue"), "actions_overdue", 130),
		count(_("Actions Open"), "actions_open", 120),
	]
