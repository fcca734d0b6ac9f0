"""Bulk seeding shared by the benchmarks: partner organisations and Mediation Cases by the ten thousand.

A benchmark at 100,000 cases cannot insert documents one by one (that takes an hour); it writes rows
with `frappe.db.bulk_insert`, names them with its own prefix, and deletes them by that prefix when it
is done. The isolation benchmark seeds the plain shape (`seed_cases` without extras); the staff
benchmark adds columns (status, assignee, district, SLA status …) through `extra`, one dict per row.
"""

from collections.abc import Callable, Iterable, Sequence

import frappe
from frappe.utils import add_to_date, now_datetime

BATCH = 10_000
CASE_FIELDS = [
	"name",
	"subject",
	"category",
	"status",
	"priority",
	"channel",
	"referred_to",
	"referral_status",
	"opened_on",
	"creation",
	"modified",
	"owner",
	"modified_by",
]


def bulk(doctype: str, fields: Sequence[str], rows: Iterable[tuple]) -> None:
	"""Insert rows in batches of BATCH (one statement each)."""
	batch = []
	for row in rows:
		batch.append(row)
		if len(batch) == BATCH:
			frappe.db.bulk_insert(doctype, fields, batch)
			batch = []
	if batch:
		frappe.db.bulk_insert(doctype, fields, batch)


def seed_organisations(prefix: str, count: int) -> list[str]:
	"""`count` Active partner organisations named "<prefix> Partner 00" …"""
	now = now_datetime()
	names = [f"{prefix} Partner {i:02d}" for i in range(count)]
	bulk(
		"Partner Organisation",
		[
			"name",
			"organisation_name",
			"organisation_type",
			"status",
			"portal_enabled",
			"creation",
			"modified",
			"owner",
			"modified_by",
		],
		((name, name, "NGO", "Active", 1, now, now, "Administrator", "Administrator") for name in names),
	)
	return names


def seed_cases(
	prefix: str,
	count: int,
	organisations: list[str],
	category: str | None = None,
	extra: Callable[[int], dict] | None = None,
) -> None:
	"""Cases "<prefix>-0000000" …, one every five minutes from 400 days ago, two thirds of them
	referred to the organisations in turn. `extra(i)` adds or replaces columns (the same keys for
	every row)."""
	category = category or (
		frappe.db.get_value("Case Category", {}, "name")
		or frappe.get_doc({"doctype": "Case Category", "category_name": f"{prefix} Kategorie"}).insert().name
	)
	start = add_to_date(now_datetime(), days=-400)

	def row(i: int) -> dict:
		created = add_to_date(start, minutes=i * 5)
		organisation = organisations[i % len(organisations)] if i % 3 else None  # a third in-house
		values = dict(
			zip(
				CASE_FIELDS,
				(
					f"{prefix}-{i:07d}",
					f"Fall {i}",
					category,
					"New",
					"Medium",
					"Desk",
					organisation,
					"Requested" if organisation else "",
					created,
					created,
					created,
					"Administrator",
					"Administrator",
				),
				strict=True,
			)
		)
		return {**values, **extra(i)} if extra else values

	fields = list(row(0))
	bulk("Mediation Case", fields, (tuple(row(i).values()) for i in range(count)))
