"""Language and writing direction of portal pages.

Frappe decides right-to-left with a fixed list (`frappe.utils.jinja_globals.is_rtl`: ar, he, fa,
ps) that lacks Sorani Kurdish (ckb), and its base template never sets `dir` on `<html>`. Portal
pages therefore render through our own base template, which takes `lang`, `dir` and the matching
(RTL or LTR) stylesheet from the context this module builds.
"""

import frappe
from frappe import _

# Languages written right to left that households of the cooperatives speak (and Frappe's own).
RTL_LANGUAGES = frozenset({"ar", "fa", "ckb", "he", "ps", "ur"})

# The tenant form offers these, each named in its own language so a reader finds theirs.
TENANT_FORM_LANGUAGES: dict[str, str] = {
	"de": "Deutsch",
	"en": "English",
	"ar": "العربية",
	"fa": "فارسی",
	"uk": "Українська",
	"tr": "Türkçe",
}
PORTAL_BASE_TEMPLATE = "mitmenschen/templates/portal/base.html"


def current_language() -> str:
	return frappe.local.lang or "en"


def base_language(lang: str | None) -> str:
	"""`ar-SA` -> `ar`: the direction belongs to the language, not the region."""
	return (lang or "en").split("-")[0].split("_")[0].lower()


def is_rtl(lang: str | None = None) -> bool:
	return base_language(lang or current_language()) in RTL_LANGUAGES


def text_direction(lang: str | None = None) -> str:
	return "rtl" if is_rtl(lang) else "ltr"


def set_portal_context(context, title: str) -> None:
	"""What every portal page needs: our base template, language and direction, and no page cache
	(pages are per user and must never be served to someone else)."""
	lang = current_language()
	context.no_cache = 1
	context.base_template_path = PORTAL_BASE_TEMPLATE
	context.portal_lang = lang
	context.portal_dir = text_direction(lang)
	context.portal_rtl = is_rtl(lang)
	context.title = title
	context.show_sidebar = False
	context.lang_query = f"_lang={lang}" if frappe.form_dict.get("_lang") else ""


def language_choices() -> list[dict]:
	lang = base_language(current_language())
	return [
		{"code": code, "label": label, "selected": code == lang, "dir": text_direction(code)}
		for code, label in TENANT_FORM_LANGUAGES.items()
	]


def label_of_language(code: str | None) -> str:
	if not code:
		return ""
	return TENANT_FORM_LANGUAGES.get(code) or _(
		frappe.db.get_value("Language", code, "language_name") or code
	)


def ensure_sorani_language() -> None:
	"""Frappe has no Language record for Sorani Kurdish (ckb); users and `?_lang=ckb` need one."""
	if not frappe.db.exists("Language", "ckb"):
		frappe.get_doc(
			{"doctype": "Language", "language_code": "ckb", "language_name": "کوردیی ناوەندی", "enabled": 1}
		).insert(ignore_permissions=True)
