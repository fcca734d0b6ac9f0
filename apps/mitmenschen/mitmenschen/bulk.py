"""Multi-row inserts with bound values, for the few hot paths that write many rows at once (the
escalation sweep's log, its timeline notes and its digests in the Email Queue).

Table and columns are the caller's constants, never input. Building the statement here costs a tenth of
what `frappe.db.bulk_insert` spends composing it in pypika; the values are bound, as there.
"""

import frappe

CHUNK = 1000


def insert_rows(doctype: str, fields: list[str], rows: list[tuple], chunk: int = CHUNK) -> None:
	columns = ", ".join(f"`{field}`" for field in fields)
	placeholders = "(" + ", ".join(["%s"] * len(fields)) + ")"
	for start in range(0, len(rows), chunk):
		batch = rows[start : start + chunk]
		frappe.db.sql(
			f"insert into `tab{doctype}` ({columns}) values " + ", ".join([placeholders] * len(batch)),
			[value for row in batch for value in row],
		)
