"""Which strings households, tenants and partner contacts read, and how far each language has them.

The strings are found in the files, not listed by hand: every `_()` / `__()` of the portal pages
(tenant and partner), the portal's Python and JavaScript, the mail and letter builders and the
pictogram page (READER_FILES). In modules that also write to the desk only the strings rendered in a
reader's language count (`_(…, lang=…)`, except `lang=site_lang`). Python is read with `ast`, so a
`_()` inside an f-string counts too (babel's extractor misses those). A few strings are translated at
run time from constants (status labels, answers, the escalation clocks): RUNTIME_SOURCES.

A translation is one of
- checked: a Translation record ticked "Checked by a native speaker" (its German still the one it
  was checked against), a German string (the master), or a .po entry with the comment
  "checked by a native speaker: <who>, <date>";
- outdated: a checked Translation record whose German text has changed since it was checked;
- to be checked: any other translation (the .po files of the household languages say so in their
  header or with the comment "to be checked by a native speaker");
- missing: none at all (the reader then gets German with English beside it).

The "Language Coverage" report and mitmenschen.tests.test_language_coverage count with this module.
"""

import ast
import os
from collections import Counter
from pathlib import Path

import frappe
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.pofile import read_po
from frappe.gettext.translate import get_po_path
from frappe.translate import get_all_translations

from mitmenschen.households.house_rules import CHECKED as HR_CHECKED
from mitmenschen.households.house_rules import HOUSE_RULES, has_content, translation_status
from mitmenschen.households.house_rules import OUTDATED as HR_OUTDATED
from mitmenschen.language import DEFAULT_LANGUAGE, PORTAL_LANGUAGES
from mitmenschen.mediation.follow_up import ANSWERS
from mitmenschen.portal.tenant import TENANT_STATUS_LABELS

APP = "mitmenschen"
ALL, READER = "all", "reader"

# (glob under the app package, which strings): what households, tenants and partner contacts read.
READER_FILES: tuple[tuple[str, str], ...] = (
	("www/*.html", ALL),
	("www/*.py", ALL),
	("www/partner/*.html", ALL),
	("www/partner/*.py", ALL),
	("templates/portal/*.html", ALL),
	("templates/emails/*.html", ALL),
	("public/js/portal.js", ALL),
	("portal/*.py", ALL),
	("mediation/acknowledgement.py", ALL),
	("mediation/closure.py", READER),
	("mediation/follow_up.py", READER),
	("escalation/ladder.py", ALL),
	("round_table/invitations.py", ALL),
	("round_table/reminders.py", ALL),
	("round_table/minutes_mail.py", ALL),  # approved minutes to attendees, partners' copy included
	("round_table/print_format/round_table_minutes/*.html", ALL),
	("households/house_rules_sending.py", READER),
	("interpreting/family_texts.py", ALL),  # the family's reminder of an interpreted appointment
	("households/onboarding_visits.py", ALL),  # the family's reminder of an onboarding appointment
	("households/print_format/house_rules_pictograms/*.html", ALL),
	("mediation/print_format/follow_up_letter/*.html", ALL),  # its words come from follow_up.letter_context
	("mitmenschen_setup/letterhead.py", READER),  # the sender block of printed letters
	("early_signals/letter.py", READER),  # the support letter in the family's language
)
SITE_LANGUAGE_NAMES = {"site_lang"}  # `lang=site_lang` writes to the desk, not to the reader

TO_BE_CHECKED_MARK = "to be checked by a native speaker"
CHECKED_MARK = "checked by a native speaker:"

CHECKED, TO_BE_CHECKED, OUTDATED, MISSING = "Checked", "To Be Checked", "Outdated", "Missing"
STATES = (CHECKED, TO_BE_CHECKED, OUTDATED, MISSING)

Key = tuple[str, str | None]  # (source text, context)


def coverage_languages() -> tuple[str, ...]:
	"""Every portal language but English, the source."""
	return tuple(code for code in PORTAL_LANGUAGES if code != "en")


# ---- the strings -----------------------------------------------------------------------------------


def reader_messages() -> dict[Key, str]:
	"""(source, context) -> where it is used (the first file), for every string readers see."""
	root = Path(frappe.get_app_path(APP))
	found: dict[Key, str] = {}
	for pattern, which in READER_FILES:
		for path in sorted(root.glob(pattern)):
			if path.name.startswith(("test_", "_")) and path.name != "__init__.py":
				continue
			where = str(path.relative_to(root))
			for key in messages_in_file(path, which):
				found.setdefault(key, where)
	for key, where in runtime_messages():
		found.setdefault(key, where)
	return found


def messages_in_file(path: Path, which: str = ALL) -> list[Key]:
	if path.suffix == ".py":
		return python_messages(path.read_text(), which)
	method = {
		".html": "frappe.gettext.extractors.html_template.extract",
		".js": "frappe.gettext.extractors.javascript.extract",
	}.get(path.suffix)
	if not method:
		return []
	keywords = DEFAULT_KEYWORDS.copy()
	keywords["_lt"] = None
	messages = []
	for _lineno, message, _comments, context in extract_from_file(method, str(path), keywords=keywords):
		if isinstance(message, tuple):
			message = message[0]
		if message:
			messages.append((message, context or None))
	return messages


def python_messages(source: str, which: str = ALL) -> list[Key]:
	"""`_("…")` calls (also inside f-strings); with READER only those given a reader's `lang=`."""
	messages = []
	tree = ast.parse(source)
	names = constant_names(tree)
	for node in ast.walk(tree):
		if not (isinstance(node, ast.Call) and _is_underscore(node.func) and node.args):
			continue
		first = node.args[0]
		if not (isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value):
			continue
		keywords = {kw.arg: kw.value for kw in node.keywords if kw.arg}
		if which == READER:
			lang = keywords.get("lang")
			if lang is None or (isinstance(lang, ast.Name) and lang.id in SITE_LANGUAGE_NAMES):
				continue
		context = keywords.get("context")
		if isinstance(context, ast.Constant):
			context = context.value
		elif isinstance(context, ast.Name):
			context = names.get(context.id)
		messages.append((first.value, context or None))
	return messages


def constant_names(tree: ast.Module) -> dict[str, str]:
	"""Module-level string constants and those imported from our modules (`context=MEETING`)."""
	import importlib

	names: dict[str, str] = {}
	for node in tree.body:
		if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
			for target in node.targets:
				if isinstance(target, ast.Name) and isinstance(node.value.value, str):
					names[target.id] = node.value.value
		elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(f"{APP}."):
			module = importlib.import_module(node.module)
			for alias in node.names:
				value = getattr(module, alias.name, None)
				if isinstance(value, str):
					names[alias.asname or alias.name] = value
	return names


def _is_underscore(func: ast.expr) -> bool:
	return (isinstance(func, ast.Name) and func.id == "_") or (
		isinstance(func, ast.Attribute) and func.attr == "_" and getattr(func.value, "id", "") == "frappe"
	)


# Frappe's and ERPNext's website around our portal pages (navigation bar, login page, footer): a
# tenant logs in there, so its words need the households' languages as much as our own.
WEBSITE_CHROME = (
	"Home",
	"My Account",
	"Log out",
	"Logout",
	"Login to {0}",
	"Login",
	"Email",
	"Password",
	"Show",
	"Forgot Password?",
	"or",
	"Login with Email Link",
	"Get Updates",
	"Your email address...",
	"Powered by {0}",
)


def runtime_messages() -> list[tuple[Key, str]]:
	"""Strings the portal and mails translate from constants at run time (`_(label)`), and the words of
	Frappe's website around the portal pages."""
	found = [
		((label, None), "portal/tenant.py TENANT_STATUS_LABELS") for label in TENANT_STATUS_LABELS.values()
	]
	found += [((label, None), "mediation/follow_up.py ANSWERS") for label, _rating in ANSWERS.values()]
	found += [
		((clock, "Escalation"), "hooks.py escalation_clocks")
		for clock in frappe.get_hooks("escalation_clocks")
	]
	found += [((message, None), "Frappe's website (login, navigation, footer)") for message in WEBSITE_CHROME]
	return found


# ---- the state of each translation -----------------------------------------------------------------


def po_marks(lang: str) -> dict[Key, str]:
	"""(source, context) -> CHECKED or TO_BE_CHECKED, as the comments of locale/<lang>.po say."""
	path = get_po_path(APP, lang)
	if not os.path.exists(path):
		return {}
	with open(path, "rb") as f:
		catalog = read_po(f)
	whole_file = TO_BE_CHECKED_MARK in (catalog.header_comment or "").lower()
	marks = {}
	for message in catalog:
		if not message.id or not message.string:
			continue
		comments = " ".join(message.user_comments + message.auto_comments).lower()
		if CHECKED_MARK in comments:
			marks[(message.id, message.context)] = CHECKED
		elif whole_file or TO_BE_CHECKED_MARK in comments:
			marks[(message.id, message.context)] = TO_BE_CHECKED
	return marks


def checked_records(lang: str) -> dict[Key, dict]:
	"""Translation records of the language ticked "Checked by a native speaker"."""
	rows = frappe.get_all(
		"Translation",
		filters={"language": lang, "mm_checked": 1},
		fields=["source_text", "context", "translated_text", "mm_checked_german"],
	)
	return {(row.source_text, row.context or None): row for row in rows}


def lookup(translations: dict[str, str], key: Key) -> str | None:
	"""As `frappe._` does: the context translation, else the plain one."""
	source, context = key
	return (context and translations.get(f"{source}:{context}")) or translations.get(source) or None


def german_of(key: Key) -> str:
	return lookup(get_all_translations(DEFAULT_LANGUAGE), key) or key[0]


def states(lang: str, messages: dict[Key, str] | None = None) -> dict[Key, str]:
	"""(source, context) -> CHECKED | TO_BE_CHECKED | OUTDATED | MISSING in `lang`."""
	messages = reader_messages() if messages is None else messages
	translations = get_all_translations(lang)
	german = get_all_translations(DEFAULT_LANGUAGE)
	records = checked_records(lang)
	marks = po_marks(lang)
	result = {}
	for key in messages:
		if not lookup(translations, key):
			result[key] = MISSING
		elif record := records.get(key):
			checked_against = record.mm_checked_german or ""
			result[key] = CHECKED if checked_against == (lookup(german, key) or key[0]) else OUTDATED
		elif lang == DEFAULT_LANGUAGE or marks.get(key) == CHECKED:
			result[key] = CHECKED
		else:
			result[key] = TO_BE_CHECKED
	return result


def summary(lang: str, messages: dict[Key, str] | None = None) -> dict[str, int]:
	counts = Counter(states(lang, messages).values())
	return {state: counts.get(state, 0) for state in STATES}


# ---- house rules -----------------------------------------------------------------------------------


def house_rules_summary() -> dict[str, dict[str, int]]:
	"""language -> {state: number of house-rules versions}; MISSING where a version lacks the language."""
	result = {lang: dict.fromkeys(STATES, 0) for lang in coverage_languages()}
	names = frappe.get_all(HOUSE_RULES, pluck="name")
	for name in names:
		rules = frappe.get_doc(HOUSE_RULES, name)
		present = set()
		for row in rules.translations:
			if row.language not in result or row.language in present or not has_content(row):
				continue
			present.add(row.language)
			status = translation_status(row, rules.german_hash)
			state = {HR_CHECKED: CHECKED, HR_OUTDATED: OUTDATED}.get(status, TO_BE_CHECKED)
			result[row.language][state] += 1
		for lang in result:
			if lang == DEFAULT_LANGUAGE:
				result[lang][CHECKED] += 1  # the German master
			elif lang not in present:
				result[lang][MISSING] += 1
	return result
