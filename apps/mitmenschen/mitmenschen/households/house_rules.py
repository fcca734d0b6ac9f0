"""The house rules as versioned documents: German master text, translations, where a version applies.

German is the master. A translation is "checked" only against the German text it was checked
with: the check stores a fingerprint of that text, and when the German text changes afterwards the
translation shows as outdated until a native speaker checks it again. The fingerprint ignores
markup and spacing, so reformatting the German text outdates nothing; changing a word does.

A version applies to all buildings or to chosen districts and buildings of the property tree (the
property doctype of the settings): a household is covered when its flat lies under one of them.
"""

import hashlib
import re

import frappe
from frappe.utils import getdate, nowdate, strip_html_tags
from frappe.utils.nestedset import get_ancestors_of

from mitmenschen.erp.records import get_property_doctype
from mitmenschen.language import BRIDGE_LANGUAGE, DEFAULT_LANGUAGE, base_language

HOUSE_RULES = "House Rules"
HOUSEHOLD = "Refugee Household"
ALL_BUILDINGS = "All Buildings"
CHOSEN = "Chosen Districts or Buildings"

TO_BE_CHECKED = "To be checked by a native speaker"
CHECKED = "Checked"
OUTDATED = "Outdated"


# ---- the German master and the state of each translation ----------------------------------------


def text_fingerprint(html: str | None, pdf: str | None = None) -> str:
	"""A hash of what the German master says: its words (not markup or spacing) and its PDF."""
	words = re.sub(r"\s+", " ", strip_html_tags(html or "")).strip()
	return hashlib.sha256(f"{words}\n{pdf or ''}".encode()).hexdigest()


def translation_status(row, german_hash: str) -> str:
	if not (row.checked_by and row.checked_on and row.checked_german_hash):
		return TO_BE_CHECKED
	return CHECKED if row.checked_german_hash == german_hash else OUTDATED


def has_content(row) -> bool:
	return bool(strip_html_tags(row.text or "").strip() or row.pdf)


def translation_for(rules, lang: str):
	"""The translation row of a language (`ar-SA` finds `ar`), or None."""
	wanted = base_language(lang)
	for row in rules.translations:
		if base_language(row.language) == wanted and has_content(row):
			return row
	return None


def languages_to_send(rules, lang: str | None) -> tuple[list[str], bool]:
	"""([languages], fallback): the household's own, or German plus English when there is no
	translation into it yet (the second value says so)."""
	lang = base_language(lang or DEFAULT_LANGUAGE)
	if lang == DEFAULT_LANGUAGE or translation_for(rules, lang):
		return [lang], False
	languages = [DEFAULT_LANGUAGE]
	if translation_for(rules, BRIDGE_LANGUAGE):
		languages.append(BRIDGE_LANGUAGE)
	return languages, True


def text_in(rules, lang: str) -> str:
	if base_language(lang) == DEFAULT_LANGUAGE:
		return rules.german_text or ""
	row = translation_for(rules, lang)
	return (row.text or "") if row else ""


def pdf_in(rules, lang: str) -> str | None:
	if base_language(lang) == DEFAULT_LANGUAGE:
		return rules.german_pdf
	row = translation_for(rules, lang)
	return row.pdf if row else None


def outdated_languages(rules, languages: list[str]) -> list[str]:
	"""Those of `languages` whose translation was checked against an older German text."""
	return [lang for lang in languages if (row := translation_for(rules, lang)) and row.status == OUTDATED]


# ---- which households a version concerns ------------------------------------------------------


def places_of(property_unit: str | None, district: str | None) -> set[str]:
	"""The flat, its buildings and district: every node of the property tree a household lives under."""
	places = {place for place in (property_unit, district) if place}
	doctype = get_property_doctype()
	if (
		property_unit
		and frappe.get_meta(doctype).is_nested_set()
		and frappe.db.exists(doctype, property_unit)
	):
		places.update(get_ancestors_of(doctype, property_unit))
	return places


def covers(rules, property_unit: str | None, district: str | None) -> bool:
	if rules.applies_to != CHOSEN:
		return True
	return bool({row.property for row in rules.scope} & places_of(property_unit, district))


def version_in_force(property_unit: str | None, district: str | None, on=None) -> str | None:
	"""The latest version valid on the day that applies to the place; a version for chosen buildings
	wins over one for all buildings of the same date."""
	day = getdate(on or nowdate())
	names = frappe.get_all(
		HOUSE_RULES,
		filters={"valid_from": ["<=", day]},
		order_by="valid_from desc, creation desc",
		pluck="name",
		limit=50,
	)
	candidates = [frappe.get_cached_doc(HOUSE_RULES, name) for name in names]
	candidates = [rules for rules in candidates if covers(rules, property_unit, district)]
	if not candidates:
		return None
	latest = candidates[0].valid_from
	same_day = [rules for rules in candidates if rules.valid_from == latest]
	specific = [rules for rules in same_day if rules.applies_to == CHOSEN]
	return (specific or same_day)[0].name


def household_language(household, rules=None) -> str:
	"""The first of the household's languages that the version is translated into (German counts),
	else its first language, else German."""
	languages = [base_language(row.language) for row in household.get("languages") or [] if row.language]
	if rules:
		for lang in languages:
			if lang == DEFAULT_LANGUAGE or translation_for(rules, lang):
				return lang
	return languages[0] if languages else DEFAULT_LANGUAGE


def households_of_older_versions(rules) -> list[dict]:
	"""Households that were explained or sent an older version (or, migrated from before versions
	existed, were explained the rules before this version's date), that this version applies to, and
	that have neither been explained nor sent this version yet. Moved-out and archived households are
	left out. Each comes once, with the most recent older version it knows."""
	rows = sorted(  # oldest first: a household's newest older version is its last row
		_explained_older_versions(rules) + _sent_older_versions(rules),
		key=lambda row: str(row.explained_on or ""),
	)
	already = set(households_with_version(rules.name))
	found: dict[str, dict] = {}
	for row in rows:
		if row.name not in already and covers(rules, row.property_unit, row.district):
			found[row.name] = row
	return sorted(found.values(), key=lambda row: row.family_name or "")


def _explained_older_versions(rules) -> list[dict]:
	explanation = frappe.qb.DocType("House Rules Explanation")
	version = frappe.qb.DocType(HOUSE_RULES)
	household = frappe.qb.DocType(HOUSEHOLD)
	return (
		frappe.qb.from_(explanation)
		.join(household)
		.on(household.name == explanation.parent)
		.left_join(version)
		.on(version.name == explanation.house_rules)
		.select(
			household.name,
			household.family_name,
			household.property_unit,
			household.district,
			explanation.house_rules,
			explanation.acknowledged_by,
			explanation.explained_on,
		)
		.where(
			(explanation.parenttype == HOUSEHOLD)
			& (explanation.parentfield == "house_rules_explanations")
			& household.status.notin(["Moved Out", "Archived"])
			& (
				(explanation.house_rules.isnotnull() & (version.valid_from < rules.valid_from))
				| (
					(explanation.house_rules.isnull() | (explanation.house_rules == ""))
					& (explanation.explained_on < rules.valid_from)
				)
			)
		)
		.run(as_dict=True)
	)


def _sent_older_versions(rules) -> list[dict]:
	"""Households that only got an older version by mail or on paper: nobody acknowledged it yet."""
	delivery = frappe.qb.DocType("House Rules Delivery")
	version = frappe.qb.DocType(HOUSE_RULES)
	household = frappe.qb.DocType(HOUSEHOLD)
	rows = (
		frappe.qb.from_(delivery)
		.join(household)
		.on(household.name == delivery.parent)
		.join(version)
		.on(version.name == delivery.house_rules)
		.select(
			household.name,
			household.family_name,
			household.property_unit,
			household.district,
			delivery.house_rules,
			delivery.sent_on,
		)
		.where(
			(delivery.parenttype == HOUSEHOLD)
			& household.status.notin(["Moved Out", "Archived"])
			& (version.valid_from < rules.valid_from)
		)
		.run(as_dict=True)
	)
	for row in rows:
		row.acknowledged_by = None
		row.explained_on = getdate(row.pop("sent_on")) if row.get("sent_on") else None
	return rows


def households_with_version(rules_name: str) -> list[str]:
	"""Households that were explained or sent this version."""
	explained = frappe.get_all(
		"House Rules Explanation",
		filters={"house_rules": rules_name, "parenttype": HOUSEHOLD},
		pluck="parent",
	)
	sent = frappe.get_all(
		"House Rules Delivery",
		filters={"house_rules": rules_name, "parenttype": HOUSEHOLD},
		pluck="parent",
	)
	return list(dict.fromkeys(explained + sent))
