"""Dates that cannot exist (30 February, month 13) are refused with a message the clerk understands.

Frappe passes a date string from an API call, an import or a script to the database unchecked: MariaDB
answers "Incorrect date value" (error 1292) or the parser fails with an English traceback, after the
controller has already run. This check runs first, on every date and time field of our doctypes and of
their child rows, and names the field and the value.
"""

import functools

import frappe
from dateutil import parser
from frappe import _

APP = "mitmenschen"
DATE_TYPES = ("Date", "Datetime")


class ImpossibleDateError(frappe.ValidationError):
	pass


@functools.cache
def app_modules() -> frozenset[str]:
	return frozenset(frappe.get_module_list(APP))


def refuse_impossible_dates(doc, method=None) -> None:
	"""doc_events["*"]["before_validate"]: only documents of our modules are looked at."""
	if doc.meta.module not in app_modules():
		return
	check_fields(doc)
	for table in doc.meta.get_table_fields():
		for row in doc.get(table.fieldname) or []:
			check_fields(row, table_label=_(table.label or table.fieldname))


def check_fields(doc, table_label: str | None = None) -> None:
	for df in doc.meta.fields:
		if df.fieldtype not in DATE_TYPES:
			continue
		value = doc.get(df.fieldname)
		if isinstance(value, str) and value.strip() and not is_possible(value):
			label = _(df.label or df.fieldname)
			if table_label:
				label = _("{0}, row {1}: {2}").format(table_label, doc.idx, label)
			frappe.throw(
				_("{0}: {1} is not a date that exists.").format(label, frappe.bold(value)),
				title=_("Invalid Date"),
				exc=ImpossibleDateError,
			)


def is_possible(value: str) -> bool:
	if value.startswith("0000-00-00"):  # Frappe's "no date"
		return True
	try:
		parser.parse(value)
	except (ValueError, OverflowError):
		return False
	return True
