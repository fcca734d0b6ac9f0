# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""Language Coverage: per language, how many of the strings households, tenants and partners read
are checked, to be checked, outdated or missing, and the same for the house rules' translations.

With a language chosen it lists the strings themselves (German beside the source), so a volunteer
sees what to translate or check and opens a Translation record for it. The counting is
`mitmenschen.translations.coverage`'s, which the translation tests use as well.
"""

import frappe
from frappe import _

from mitmenschen.language import label_of_language
from mitmenschen.translations.coverage import (
	CHECKED,
	MISSING,
	OUTDATED,
	STATES,
	TO_BE_CHECKED,
	coverage_languages,
	house_rules_summary,
	lookup,
	reader_messages,
	states,
	summary,
)

SUMMARY, STRINGS = "Summary", "Strings"


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict]]:
	filters = frappe._dict(filters or {})
	if filters.get("language") and filters.get("view") == STRINGS:
		return string_columns(), string_rows(filters.language, filters.get("status"))
	return summary_columns(), summary_rows(filters.get("language"))


def summary_columns() -> list[dict]:
	def count(fieldname: str, label: str) -> dict:
		return {"fieldname": fieldname, "label": label, "fieldtype": "Int", "width": 110}

	return [
		{
			"fieldname": "language",
			"label": _("Language"),
			"fieldtype": "Link",
			"options": "Language",
			"width": 90,
		},
		{"fieldname": "language_name", "label": _("Name"), "fieldtype": "Data", "width": 150},
		count("strings", _("Strings")),
		count("translated", _("Translated")),
		count("checked", _("Checked")),
		count("to_be_checked", _("To Be Checked")),
		count("outdated", _("Outdated")),
		count("missing", _("Missing")),
		count("house_rules_versions", _("House Rules Versions")),
		count("house_rules_checked", _("House Rules Checked")),
		count("house_rules_to_be_checked", _("House Rules To Be Checked")),
		count("house_rules_outdated", _("House Rules Outdated")),
		count("house_rules_missing", _("House Rules Missing")),
	]


def summary_rows(only: str | None = None) -> list[dict]:
	messages = reader_messages()
	house_rules = house_rules_summary()
	rows = []
	for lang in coverage_languages():
		if only and lang != only:
			continue
		counts = summary(lang, messages)
		rules = house_rules.get(lang, dict.fromkeys(STATES, 0))
		rows.append(
			{
				"language": lang,
				"language_name": label_of_language(lang),
				"strings": len(messages),
				"translated": counts[CHECKED] + counts[TO_BE_CHECKED] + counts[OUTDATED],
				"checked": counts[CHECKED],
				"to_be_checked": counts[TO_BE_CHECKED],
				"outdated": counts[OUTDATED],
				"missing": counts[MISSING],
				"house_rules_versions": sum(rules.values()),
				"house_rules_checked": rules[CHECKED],
				"house_rules_to_be_checked": rules[TO_BE_CHECKED],
				"house_rules_outdated": rules[OUTDATED],
				"house_rules_missing": rules[MISSING],
			}
		)
	return rows


def string_columns() -> list[dict]:
	return [
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 120},
		{"fieldname": "source_text", "label": _("Source Text"), "fieldtype": "Data", "width": 300},
		{"fieldname": "context", "label": _("Context"), "fieldtype": "Data", "width": 100},
		{"fieldname": "german", "label": _("German"), "fieldtype": "Data", "width": 300},
		{"fieldname": "translated_text", "label": _("Translated Text"), "fieldtype": "Data", "width": 300},
		{
			"fieldname": "translation",
			"label": _("Translation"),
			"fieldtype": "Link",
			"options": "Translation",
			"width": 110,
		},
		{"fieldname": "used_in", "label": _("Used In"), "fieldtype": "Data", "width": 200},
	]


def string_rows(lang: str, status: str | None = None) -> list[dict]:
	from frappe.translate import get_all_translations

	messages = reader_messages()
	found = states(lang, messages)
	translations = get_all_translations(lang)
	german = get_all_translations("de")
	records = {
		(row.source_text, row.context or None): row.name
		for row in frappe.get_all(
			"Translation", filters={"language": lang}, fields=["name", "source_text", "context"]
		)
	}
	order = {state: i for i, state in enumerate((MISSING, OUTDATED, TO_BE_CHECKED, CHECKED))}
	rows = [
		{
			"status": _(state),
			"state": state,
			"source_text": key[0],
			"context": key[1],
			"german": lookup(german, key) or key[0],
			"translated_text": lookup(translations, key) or "",
			"translation": records.get(key),
			"used_in": messages[key],
		}
		for key, state in found.items()
		if not status or state == status
	]
	return sorted(rows, key=lambda row: order[row["state"]])
