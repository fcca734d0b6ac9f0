"""Texts as per-language Email Templates: "<prefix> (<lang>)", e.g. "Mit:Menschen Case Closed –
Reporter (ar)".

A `TemplateSet` names its templates and knows its default texts in any language (from the app's
translations). `ensure` creates the missing templates on migrate and never replaces one the
cooperative has edited; `render` writes a message in the reader's language, or German with English
below it where the app does not speak that language: the cooperative's text where they edited the
template, else the app's (so that a corrected translation reaches the next message).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import frappe
from frappe.utils import escape_html

from mitmenschen.language import mail_languages


@dataclass(frozen=True)
class TemplateSet:
	prefix: str
	texts: Callable[[str], tuple[str, str]]  # lang -> (subject, HTML body), both Jinja

	def name(self, lang: str) -> str:
		return f"{self.prefix} ({lang})"


def ensure(templates: TemplateSet, languages: Iterable[str]) -> None:
	english_subject = templates.texts("en")[0]
	for lang in languages:
		subject, body = templates.texts(lang)
		if lang != "en" and subject == english_subject:
			continue  # translations not compiled yet: made on the next migrate, not left in English
		name = templates.name(lang)
		if frappe.db.exists("Email Template", name):
			# one made while its language's translations were missing still holds the English subject:
			# it gets the translation (a template the cooperative has edited keeps their text)
			if frappe.db.get_value("Email Template", name, "subject") == english_subject and lang != "en":
				frappe.db.set_value(
					"Email Template", name, {"subject": subject, "response_html": body}, update_modified=False
				)
			continue
		frappe.get_doc(
			{
				"doctype": "Email Template",
				"name": name,
				"subject": subject,
				"use_html": 1,
				"response_html": body,
			}
		).insert(ignore_permissions=True)


def render(templates: TemplateSet, lang: str | None, context: dict) -> tuple[str, str]:
	"""Subject and body for a reader of `lang`: their language, else German with English below (the
	German subject). String values of `context` are text and are escaped in the body."""
	parts = [render_in(templates, code, context) for code in mail_languages(lang)]
	return parts[0][0], "<hr>".join(body for _subject, body in parts)


def render_in(templates: TemplateSet, lang: str, context: dict) -> tuple[str, str]:
	name = templates.name(lang)
	template = (
		frappe.get_cached_doc("Email Template", name) if frappe.db.exists("Email Template", name) else None
	)
	if template and edited(template):
		subject, body = template.subject, template.response_html or template.response
	else:
		subject, body = templates.texts(lang)
	as_html = {key: escape_html(value) if isinstance(value, str) else value for key, value in context.items()}
	return (
		" ".join(frappe.render_template(subject, context).split()),
		frappe.render_template(body, as_html),
	)


def edited(template) -> bool:
	"""Whether the template is the cooperative's: changed since it was made, or made by a user (`ensure`
	makes them as Administrator). One nobody edited follows the app's translations: a native speaker's
	check entered in the desk reaches the next notice."""
	return template.modified != template.creation or template.owner != "Administrator"
