# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""German is the clerks' language: every user-facing string of the app must have a German translation,
and the translations in `locale/de.po` must actually reach the running site (compiled to a .mo file).

Compile before running:  bench compile-po-to-mo --app mitmenschen --force
"""

import json
import os
import re
from pathlib import Path

import frappe
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from frappe.gettext.translate import get_method_map, get_mo_path, get_po_path, get_translations_from_mo
from frappe.tests.utils import FrappeTestCase
from frappe.translate import get_all_translations
from frappe.utils import get_datetime, strip_html_tags

APP = "mitmenschen"
LANG = "de"
COMPILE_HINT = "Run `bench compile-po-to-mo --app mitmenschen --force` and `bench --site <site> clear-cache`."


# --- Strings Frappe translates at runtime that its extractor cannot find in our files ----------------
# `N_` and `pgettext` are gettext's standard markers (babel's default keywords): `bench generate-pot-file`
# copies the marked strings into locale/main.pot, so `bench update-po-files` keeps their translations.
def N_(message: str) -> str:
	return message


def pgettext(context: str, message: str) -> tuple[str, str]:
	return message, context


RUNTIME_MESSAGES = [
	N_("Partner User"),  # role created by install.py, used by portal permissions
	N_("Mit:Menschen"),  # workspace header text once its HTML is stripped; connections group on ERP records
	N_("Records and Reports"),  # workspace header text once its HTML is stripped
	N_("Mit:Menschen Settings"),  # the settings' name as DESIGN.md spells it
	N_("Households"),  # module names (modules.txt)
	N_("Mediation"),
	N_("Partners"),
	N_("Round Table"),
	N_("Mitmenschen Setup"),
	# workflow actions (workflows/definitions.py): the desk shows them as buttons, translated
	N_("Review"),
	N_("Approve Allocation"),
	N_("Send Back"),
	N_("Move In"),
	N_("Mark Settled"),
	N_("Move Out"),
	N_("Archive"),
	N_("Triage"),
	N_("Start Mediation"),
	N_("Propose Resolution"),
	N_("Approve"),
	N_("Reject"),
	N_("Reopen"),
	N_("Invite"),
	N_("Mark Held"),
	N_("Draft Minutes"),
	N_("Approve Minutes"),
	N_("Decline"),
	N_("Activate"),
	N_("Deactivate"),
	N_("Reactivate"),
]

# Frappe translates labels and Select options with the doctype as context (`__(label, null, doctype)`).
# Where Frappe or ERPNext already translate the plain word differently (our .mo is loaded last and would
# override theirs everywhere), our meaning gets a translation for our doctype only.
DOCTYPE_SPECIFIC_MESSAGES = [
	pgettext("Case Category Step", "Action"),
	pgettext("Round Table Agenda Item", "Action"),
	pgettext("Mediation Case", "Accepted"),
	pgettext("Round Table Attendee", "Accepted"),
	pgettext("Round Table Attendee", "Declined"),
	pgettext("Round Table Meeting", "Agenda"),
	pgettext("Round Table Action", "Cancelled"),
	pgettext("Mediation Case", "Closed"),
	pgettext("Round Table Attendee", "Contact"),
	pgettext("Round Table Action", "Meeting"),
	pgettext("Refugee Household", "Members"),
	pgettext("Round Table Meeting", "Minutes"),
	pgettext("Round Table Agenda Item", "Notes"),
	pgettext("Round Table Action", "Origin"),
	pgettext("Household Consent", "Other"),
	pgettext("Household Member", "Other"),
	pgettext("Partner Organisation", "Other"),
	pgettext("Household Member", "Parent"),
	pgettext("Household Member", "Relation"),
	pgettext("Mediation Case", "Requested"),
	pgettext("Mediation Case", "Resolution"),
	pgettext("Mediation Case", "Resolution Due"),
	pgettext("Refugee Household", "Settled"),
	pgettext("Refugee Household", "Support"),
	pgettext("Round Table Agenda Item", "Source"),
]

# Same exclusions as Frappe's doctype extractor (frappe/gettext/extractors/doctype.py).
UNTRANSLATED_SELECT_FIELDS = {"naming_series", "number_format", "float_precision", "currency_precision"}
PLACEHOLDER = re.compile(r"\{\d*\}")
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def app_path() -> Path:
	return Path(frappe.get_app_path(APP))


def json_files(kind: str) -> list[Path]:
	"""kind: doctype | workspace | report; the standard folder layout `<module>/<kind>/<name>/<name>.json`."""
	return sorted(path for path in app_path().glob(f"*/{kind}/*/*.json") if path.stem == path.parent.name)


def select_options(field: dict) -> list[str]:
	if field.get("fieldtype") != "Select" or field.get("fieldname") in UNTRANSLATED_SELECT_FIELDS:
		return []
	return [option for option in (field.get("options") or "").split("\n") if option and not option.isdigit()]


class TestTranslations(FrappeTestCase):
	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		frappe.translate.clear_cache()
		cls.translations = get_all_translations(LANG)

	def setUp(self) -> None:
		self._lang = frappe.local.lang

	def tearDown(self) -> None:
		frappe.local.lang = self._lang

	def assert_translated(self, messages: dict[tuple[str, str | None], str]) -> None:
		"""messages: (source, context) -> where it comes from. A context translation or a plain one counts,
		as in `frappe._` and `__`."""
		missing = [
			f"{where}: {source!r}" + (f" (context {context!r})" if context else "")
			for (source, context), where in messages.items()
			if not (context and self.translations.get(f"{source}:{context}"))
			and not self.translations.get(source)
		]
		if missing:
			self.fail(
				f"{len(missing)} strings have no German translation; add them to locale/de.po. {COMPILE_HINT}\n"
				+ "\n".join(sorted(missing))
			)

	# --- the compiled catalogue -------------------------------------------------------------------

	def test_compiled_catalogue_matches_po_file(self) -> None:
		"""A stale or missing .mo leaves the site speaking English; every translation in de.po must be served."""
		mo_path = get_mo_path(APP, LANG)
		self.assertTrue(mo_path.exists(), f"{mo_path} is missing. {COMPILE_HINT}")
		with open(get_po_path(APP, LANG), "rb") as f:
			catalog = read_po(f)
		compiled = get_translations_from_mo(LANG, APP)
		stale = []
		for message in catalog:
			if not message.id or not message.string or message.fuzzy:
				continue
			key = f"{message.id}:{message.context}" if message.context else message.id
			if compiled.get(key) != message.string:
				stale.append(f"{key!r}: po {message.string!r}, mo {compiled.get(key)!r}")
		if stale:
			self.fail(f"{mo_path} does not match de.po. {COMPILE_HINT}\n" + "\n".join(stale))

	def test_po_file_translates_every_entry_and_keeps_placeholders(self) -> None:
		with open(get_po_path(APP, LANG), "rb") as f:
			catalog = read_po(f)
		problems = []
		for message in catalog:
			if not message.id:
				continue
			if not message.string or message.fuzzy:
				problems.append(f"untranslated or fuzzy: {message.id!r}")
				continue
			if sorted(PLACEHOLDER.findall(message.id)) != sorted(PLACEHOLDER.findall(message.string)):
				problems.append(f"placeholders differ: {message.id!r} -> {message.string!r}")
			if HTML_TAG.findall(message.id) != HTML_TAG.findall(message.string):
				problems.append(f"HTML differs: {message.id!r} -> {message.string!r}")
		if problems:
			self.fail("locale/de.po:\n" + "\n".join(problems))

	# --- everything the desk shows ----------------------------------------------------------------

	def test_every_doctype_string_is_translated(self) -> None:
		messages: dict[tuple[str, str | None], str] = {}
		for path in json_files("doctype"):
			doc = json.loads(path.read_text())
			doctype = doc["name"]
			messages[(doctype, None)] = "DocType name"
			if doc.get("description"):
				messages[(doc["description"], None)] = f"{doctype} description"
			for field in doc.get("fields", []):
				where = f"{doctype}.{field['fieldname']}"
				if field.get("label"):
					messages[(field["label"], doctype)] = f"{where} label"
				if field.get("description"):
					messages[(field["description"], doctype)] = f"{where} description"
				for option in select_options(field):
					messages[(option, doctype)] = f"{where} option"
			for link in doc.get("links", []):
				if link.get("group"):
					messages[(link["group"], None)] = f"{doctype} connections group"
			for perm in doc.get("permissions", []):
				messages[(perm["role"], None)] = f"{doctype} permission role"
		self.assertGreater(len(messages), 100, "the doctype JSON files were not found")
		self.assert_translated(messages)

	def test_every_workspace_string_is_translated(self) -> None:
		messages: dict[tuple[str, str | None], str] = {}
		for path in json_files("workspace"):
			ws = json.loads(path.read_text())
			name = ws["name"]
			for key in ("name", "label", "title"):
				messages[(ws[key], None)] = f"workspace {key}"
			for link in ws.get("links", []):
				messages[(link["label"], None)] = f"{name}: {link['type']} label"
			for shortcut in ws.get("shortcuts", []):
				messages[(shortcut["label"], None)] = f"{name}: shortcut label"
				if shortcut.get("format"):
					messages[(shortcut["format"], None)] = f"{name}: shortcut format"
			for block in json.loads(ws.get("content") or "[]"):
				if text := block.get("data", {}).get("text"):
					# the desk translates the HTML, then the text inside it; `_()` strips the HTML
					messages[(text, None)] = f"{name}: {block['type']} text"
					messages[(strip_html_tags(text).strip(), None)] = f"{name}: {block['type']} plain text"
				if card := block.get("data", {}).get("card_name"):
					messages[(card, None)] = f"{name}: card"
		self.assertTrue(messages, "no workspace found")
		self.assert_translated(messages)

	def test_every_report_string_is_translated(self) -> None:
		from mitmenschen.partners.report.partner_finder.partner_finder import get_columns

		messages: dict[tuple[str, str | None], str] = {}
		for path in json_files("report"):
			report = json.loads(path.read_text())
			messages[(report["report_name"], None)] = "report name"
			for column in report.get("columns", []):
				messages[(column["label"], None)] = f"{report['report_name']} column"
		frappe.local.lang = "en"
		for column in get_columns():
			messages[(column["label"], None)] = "Partner Finder column"
		self.assert_translated(messages)

	def test_every_message_in_code_is_translated(self) -> None:
		"""Everything `bench generate-pot-file` finds: `_()` in Python, `__()` in JS, the JSON extractors."""
		keywords = DEFAULT_KEYWORDS.copy()
		keywords["_lt"] = None
		root = frappe.get_pymodule_path(APP, "..")

		def directory_filter(dirpath: str) -> bool:
			name = os.path.basename(dirpath)
			return not (name.startswith((".", "_")) or name in ("node_modules", "dist"))

		messages: dict[tuple[str, str | None], str] = {}
		for filename, lineno, message, _comments, context in extract_from_dir(
			root, get_method_map("frappe"), directory_filter=directory_filter, keywords=keywords
		):
			if message:
				messages[(message, context)] = f"{filename}:{lineno}"
		self.assertIn(("The meeting must end after it starts.", None), messages, "extractor found nothing")
		self.assert_translated(messages)

	def test_roles_are_translated(self) -> None:
		from mitmenschen.install import ROLES

		self.assert_translated({(role, None): "install.ROLES" for role in ROLES})
		self.assertEqual(frappe._("Mit:Menschen Clerk", lang=LANG), "Mit:Menschen Sachbearbeitung")
		self.assertEqual(frappe._("Mit:Menschen Manager", lang=LANG), "Mit:Menschen Leitung")
		self.assertEqual(frappe._("Partner User", lang=LANG), "Partner-Benutzer")

	def test_runtime_and_doctype_specific_messages_come_from_our_catalogue(self) -> None:
		ours = get_translations_from_mo(LANG, APP)
		missing = [m for m in RUNTIME_MESSAGES if not ours.get(m)]
		missing += [f"{m}:{c}" for m, c in DOCTYPE_SPECIFIC_MESSAGES if not ours.get(f"{m}:{c}")]
		if missing:
			self.fail(f"missing in our .mo: {missing}. {COMPILE_HINT}")

	# --- concrete translations --------------------------------------------------------------------

	def test_names_the_clerks_see(self) -> None:
		expected = {
			"Mit Menschen": "Mit:Menschen",  # the workspace; its route stays /app/mit-menschen
			"Mitmenschen Settings": "Mit:Menschen Einstellungen",
			"Mediation Case": "Vermittlungsfall",
			"Refugee Household": "Geflüchteten-Haushalt",
			"Partner Organisation": "Partnerorganisation",
			"Round Table Meeting": "Runder Tisch",
			"Round Table Action": "Aufgabe vom Runden Tisch",
			"Case Category": "Fallkategorie",
			"Hot-Line Matrix": "Hotline-Matrix",
			"Partner Finder": "Partnersuche",
			"{} open": "{} offen",
		}
		actual = {source: frappe._(source, lang=LANG) for source in expected}
		self.assertDictEqual(actual, expected)

	def test_doctype_context_wins_without_changing_frappe_elsewhere(self) -> None:
		frappe.local.lang = LANG
		# a household member's "Parent" is a mother or father ...
		self.assertEqual(frappe._("Parent", context="Household Member"), "Elternteil")
		# ... but the rest of the desk keeps Frappe's own translation of the plain word
		self.assertNotEqual(frappe._("Parent"), "Elternteil")
		self.assertEqual(frappe._("Minutes", context="Round Table Meeting"), "Protokoll")
		self.assertEqual(frappe._("Settled", context="Refugee Household"), "Eingelebt")

	def test_validation_message_is_german(self) -> None:
		meeting = frappe.get_doc(
			{
				"doctype": "Round Table Meeting",
				"title": "Runder Tisch Lehe",
				"starts_on": get_datetime("2026-03-10 18:00:00"),
				"ends_on": get_datetime("2026-03-10 17:00:00"),
			}
		)
		frappe.local.lang = LANG
		try:
			with self.assertRaises(frappe.ValidationError) as raised:
				meeting.validate()
		finally:
			frappe.local.message_log = []
		self.assertEqual(str(raised.exception), "Die Sitzung muss nach ihrem Beginn enden.")

	def test_formatted_message_keeps_its_values(self) -> None:
		frappe.local.lang = LANG
		message = frappe._("Row {0}: birth year {1} of {2} is not plausible.").format(3, 1890, "Amina")
		self.assertEqual(message, "Zeile 3: Geburtsjahr 1890 von Amina ist nicht plausibel.")
