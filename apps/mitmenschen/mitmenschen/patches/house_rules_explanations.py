"""The household's three loose house-rules fields (explained on, in which language, by whom, and
whether an interpreter was there) become a row of its House Rules Explanation table.

The version is left empty: there were no versions before. A household explained before a version's
date counts as a household of an older version, so it receives the next version. The old columns are
dropped afterwards, so no personal data stays behind where the retention job no longer looks.
Re-running finds no old columns and does nothing.
"""

import frappe

HOUSEHOLD = "Refugee Household"
OLD_COLUMNS = (
	"house_rules_explained_on",
	"house_rules_language",
	"house_rules_explained_by",
	"house_rules_interpreter_used",
)


def execute() -> None:
	forget_columns()
	columns = set(frappe.db.get_table_columns(HOUSEHOLD))
	present = [column for column in OLD_COLUMNS if column in columns]
	if not present:
		return
	if "house_rules_explained_on" in present:
		migrate_rows(present)
	for column in present:
		frappe.db.sql_ddl(f"alter table `tabRefugee Household` drop column `{column}`")
	forget_columns()
	frappe.clear_cache(doctype=HOUSEHOLD)


def forget_columns() -> None:
	"""Frappe caches a table's columns; after DDL the cache is stale."""
	frappe.cache.hdel("table_columns", f"tab{HOUSEHOLD}")


def migrate_rows(present: list[str]) -> int:
	table = frappe.qb.Table(f"tab{HOUSEHOLD}")
	fields = [table.name] + [table[column] for column in present]
	rows = (
		frappe.qb.from_(table)
		.select(*fields)
		.where(table.house_rules_explained_on.isnotnull())
		.run(as_dict=True)
	)
	migrated = 0
	for row in rows:
		if frappe.db.exists(
			"House Rules Explanation",
			{"parent": row.name, "parenttype": HOUSEHOLD, "explained_on": row.house_rules_explained_on},
		):
			continue
		idx = (
			frappe.db.count(
				"House Rules Explanation",
				{"parent": row.name, "parenttype": HOUSEHOLD, "parentfield": "house_rules_explanations"},
			)
			+ 1
		)
		frappe.get_doc(
			{
				"doctype": "House Rules Explanation",
				"parent": row.name,
				"parenttype": HOUSEHOLD,
				"parentfield": "house_rules_explanations",
				"idx": idx,
				"explained_on": row.house_rules_explained_on,
				"language": row.get("house_rules_language"),
				"explained_by": row.get("house_rules_explained_by"),
				"interpreter_used": row.get("house_rules_interpreter_used") or 0,
			}
		).db_insert()
		migrated += 1
	return migrated
