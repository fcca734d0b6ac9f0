"""Anonymised key figures: a member site exports them, the federation site combines them.

A member's file holds counts and shares only, never a name or a record. No group smaller than five
leaves the site: a count below five (but not zero) is sent as `null` with its key in `suppressed`, and
a share or a median is sent only when the count it is computed over is five or more. Cases per
category are groups too. The combined report applies the same rule to its sums.
"""

import json

import frappe
from frappe import _
from frappe.query_builder.functions import Count
from frappe.utils import getdate, now_datetime

from mitmenschen.evidence.key_figures import key_figures
from mitmenschen.evidence.period import Period
from mitmenschen.federation.package import publisher_name

FORMAT = 1
MIN_GROUP = 5
# a share or median and the count it is computed over
BASES = {
	"response_within_target": "new_cases",
	"resolution_within_target": "closed_cases",
	"median_resolution_hours": "closed_cases",
	"referral_acceptance": "referrals_answered",
	"onboarding_on_time": "households_moved_in",
}
COUNTS = (
	"new_cases",
	"closed_cases",
	"open_at_end",
	"recurrences",
	"referrals",
	"referrals_answered",
	"actions_done",
	"actions_overdue",
	"households_moved_in",
	"needs_referred",
	"needs_met",
)


class InvalidFiguresError(frappe.ValidationError):
	pass


def small(value) -> bool:
	return value is not None and 0 < value < MIN_GROUP


def cases_per_category(period: Period) -> dict[str, int]:
	case = frappe.qb.DocType("Mediation Case")
	rows = (
		frappe.qb.from_(case)
		.select(case.category, Count("*").as_("n"))
		.where((case.creation >= period.begins) & (case.creation < period.ends))
		.groupby(case.category)
		.run(as_dict=True)
	)
	return {row.category or "": row.n for row in rows}


def anonymise(figures: dict, categories: dict[str, int]) -> dict:
	"""Counts below five and shares over fewer than five become null and are listed as suppressed."""
	out, suppressed = {}, []
	for key in COUNTS:
		value = figures.get(key)
		if small(value):
			out[key] = None
			suppressed.append(key)
		else:
			out[key] = value
	for key, base in BASES.items():
		count = figures.get(base)
		if count is None or count < MIN_GROUP:
			out[key] = None
			if figures.get(key) is not None:
				suppressed.append(key)
		else:
			out[key] = figures.get(key)
	per_category = {}
	for category, n in sorted(categories.items()):
		if small(n):
			suppressed.append(f"category:{category}")
		else:
			per_category[category] = n
	return {"figures": out, "cases_per_category": per_category, "suppressed": suppressed}


def export_figures(from_date=None, to_date=None) -> dict:
	period = Period.of(from_date, to_date)
	figures = {row.key: row.value for row in key_figures(period)}
	return {
		"format": FORMAT,
		"member": publisher_name(),
		"from_date": str(period.start),
		"to_date": str(period.end),
		**anonymise(figures, cases_per_category(period)),
	}


def validate_figures(data: object) -> None:
	def bad(reason: str):
		frappe.throw(
			_("This is not a Mit:Menschen figures file: {0}").format(reason),
			title=_("Invalid Figures"),
			exc=InvalidFiguresError,
		)

	if not isinstance(data, dict) or data.get("format") != FORMAT:
		bad(_("unknown format"))
	if not data.get("member") or not isinstance(data.get("figures"), dict):
		bad(_("no member or no figures"))
	values = list(data["figures"].values()) + list((data.get("cases_per_category") or {}).values())
	if any(value is not None and not isinstance(value, int | float) for value in values):
		bad(_("a figure is not a number"))
	if any(isinstance(n, int) and small(n) for n in (data.get("cases_per_category") or {}).values()):
		bad(_("a group smaller than five"))
	try:  # getdate() of nothing is today: both dates must be there
		dates = [getdate(data[key]) if data.get(key) else None for key in ("from_date", "to_date")]
	except Exception:
		dates = None
	if not dates or None in dates:
		bad(_("no period"))


def receive(data: dict) -> str:
	"""A member's file on the federation site; a newer file for the same member and period replaces it."""
	validate_figures(data)
	filters = {"member": data["member"], "from_date": data["from_date"], "to_date": data["to_date"]}
	for name in frappe.get_all("Federation Member Figures", filters=filters, pluck="name"):
		frappe.delete_doc("Federation Member Figures", name, ignore_permissions=True)
	doc = frappe.get_doc(
		{
			"doctype": "Federation Member Figures",
			**filters,
			"received_on": now_datetime(),
			"figures": json.dumps(data, ensure_ascii=False, sort_keys=True),
		}
	)
	doc.insert(ignore_permissions=True)
	return doc.name


def combine(files: list[dict]) -> dict:
	"""Sums of the members' counts; shares weighted by their base counts; the small-group rule again.
	A sum that leaves out a member's suppressed count says so (`incomplete`)."""
	counts: dict[str, int] = {}
	incomplete: set[str] = set()
	shares: dict[str, list[tuple[float, int]]] = {}
	categories: dict[str, int] = {}
	for data in files:
		figures = data["figures"]
		for key in COUNTS:
			if figures.get(key) is None:
				incomplete.add(key)
			else:
				counts[key] = counts.get(key, 0) + figures[key]
		for key, base in BASES.items():
			if figures.get(key) is not None and figures.get(base):
				shares.setdefault(key, []).append((figures[key], figures[base]))
		for category, n in (data.get("cases_per_category") or {}).items():
			categories[category] = categories.get(category, 0) + n
	combined = {key: (None if small(value) else value) for key, value in counts.items()}
	for key, pairs in shares.items():
		weight = sum(n for _value, n in pairs)
		combined[key] = (
			round(sum(value * n for value, n in pairs) / weight, 1) if weight >= MIN_GROUP else None
		)
	return {
		"members": len(files),
		"figures": combined,
		"incomplete": sorted(incomplete),
		"cases_per_category": {k: v for k, v in sorted(categories.items()) if not small(v)},
	}


def combined_for(from_date, to_date) -> dict:
	rows = frappe.get_all(
		"Federation Member Figures",
		filters={"from_date": getdate(from_date), "to_date": getdate(to_date)},
		pluck="figures",
	)
	return combine([json.loads(row) for row in rows])


@frappe.whitelist(methods=["GET"])
def download(from_date: str | None = None, to_date: str | None = None) -> None:
	"""This member's anonymised figures as a file, for a manager."""
	frappe.only_for(("Mit:Menschen Manager", "System Manager"))
	data = export_figures(from_date, to_date)
	frappe.response["type"] = "download"
	frappe.response["filename"] = f"mitmenschen-figures-{data['from_date']}-{data['to_date']}.json"
	frappe.response["filecontent"] = json.dumps(data, ensure_ascii=False, indent=1)


@frappe.whitelist(methods=["POST"])
def upload(figures: str) -> str:
	"""A member's figures file received on the federation site, by a manager."""
	frappe.only_for(("Mit:Menschen Manager", "System Manager"))
	try:
		data = json.loads(figures)
	except (TypeError, ValueError):
		data = None
	return receive(data)


def export_file(path: str, from_date: str | None = None, to_date: str | None = None) -> dict:
	"""For an operator of a member site: `bench --site <member> execute
	mitmenschen.federation.figures.export_file --kwargs '{"path": "figures.json", "from_date": …}'`."""
	data = export_figures(from_date, to_date)
	with open(path, "w", encoding="utf-8") as file:
		json.dump(data, file, ensure_ascii=False, indent=1)
	return {"member": data["member"], "suppressed": len(data["suppressed"])}


def receive_file(path: str) -> dict:
	"""For the federation site's operator: one member's figures file received."""
	with open(path, encoding="utf-8") as file:
		name = receive(json.load(file))
	frappe.db.commit()
	return {"received": name}
