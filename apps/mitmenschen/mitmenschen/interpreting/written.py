"""Short written translations: a family's message (a tenant report, a reply, a follow-up comment) to a
mediator who offers written translation, or a short answer of the cooperative the other way.

The mediator gets a signed link (`/t/<translation>/<signature>`, interpreting/links.py) and sees only
that text — no case, no names beyond what the text itself contains — types the translation, and it
lands on the case's timeline marked "übersetzt von …" beside the original. The link works once.

Where the cooperative runs LibreTranslate on its own server (its URL in Interpreting Settings), the
clerk may ask it for a draft: it is stored and shown as a *machine draft* beside the original and is
never sent to anybody. Without a URL there is no machine draft at all (and no button).
"""

import frappe
import requests
from frappe import _
from frappe.utils import escape_html, now_datetime
from frappe.utils.password import get_decrypted_password

from mitmenschen.escalation.digest import language
from mitmenschen.interpreting import links
from mitmenschen.interpreting.appointment import language_name
from mitmenschen.interpreting.offers import MEDIATOR_LANG, SETTINGS
from mitmenschen.outbound.mail import queue
from mitmenschen.outbound.templates import TemplateSet, render

DOCTYPE, CASE, MEDIATOR = "Written Translation", "Mediation Case", "Language Mediator"
REQUESTED, TRANSLATED, MACHINE_DRAFT = "Requested", "Translated", "Machine Draft"
MAX_TEXT = 5000
TIMEOUT = 20  # seconds for the translation server
INVALID, GONE, OPEN = "invalid", "gone", "open"


class WrittenTranslationError(frappe.ValidationError):
	pass


# ---- who can translate, and whether a machine may draft ------------------------------------------------


@frappe.whitelist()
def translation_options(case: str, source_language: str | None = None) -> dict:
	"""For the case's dialog: mediators offering written translation in the language; machine drafts on?"""
	doc = frappe.get_doc(CASE, case)
	doc.check_permission("write")
	lang = source_language or doc.reporter_language or doc.interpreter_language
	names = frappe.get_all(
		"Mediator Language", filters={"parenttype": MEDIATOR, "language": lang}, pluck="parent", distinct=True
	) if lang else []
	mediators = frappe.get_all(
		MEDIATOR,
		filters={"name": ["in", names or [""]], "status": "Active", "offers_written_translation": 1, "pledge_signed_on": ["is", "set"]},
		fields=["name", "full_name"],
		order_by="full_name asc",
	)
	return {"language": lang, "mediators": mediators, "machine": bool(service_url()), "text": plain(doc.description)}


def service_url() -> str | None:
	url = (frappe.db.get_single_value(SETTINGS, "libretranslate_url") or "").strip().rstrip("/")
	return url or None


def plain(html: str | None) -> str:
	return frappe.utils.strip_html_tags(html or "").strip()


def clean_text(text: str | None) -> str:
	text = (text or "").strip()
	if not text:
		frappe.throw(_("Please give the text to translate."), title=_("Text Missing"), exc=WrittenTranslationError)
	if len(text) > MAX_TEXT:
		frappe.throw(
			_("Short translations only: at most {0} characters.").format(MAX_TEXT), exc=WrittenTranslationError
		)
	return text


# ---- asking a mediator ----------------------------------------------------------------------------------


def request_texts(lang: str) -> tuple[str, str]:
	subject = _("Short translation requested: {0} → {1}", lang=lang).format("{{ source }}", "{{ target }}")
	lines = [
		_("Hello {0},", lang=lang).format("{{ mediator_name }}"),
		_("could you translate a short text for us? You will see only the text.", lang=lang),
		'<a href="{{ link }}">' + _("Open the text", lang=lang) + "</a>",
	]
	return subject, "".join(f"<p>{line}</p>" for line in lines)


REQUEST_TEMPLATES = TemplateSet("Mit:Menschen Written Translation", request_texts)


@frappe.whitelist()
def request_translation(case: str, text: str, source_language: str, mediator: str, target_language: str = "de") -> dict:
	doc = frappe.get_doc(CASE, case)
	doc.check_permission("write")
	person = frappe.db.get_value(
		MEDIATOR, mediator, ["name", "full_name", "email", "status", "offers_written_translation"], as_dict=True
	)
	if not person or person.status != "Active" or not person.offers_written_translation:
		frappe.throw(_("This mediator does not take written translations."), exc=WrittenTranslationError)
	request = frappe.get_doc(
		{
			"doctype": DOCTYPE,
			"mediation_case": case,
			"source_language": source_language,
			"target_language": target_language or "de",
			"source_text": clean_text(text),
			"mediator": mediator,
			"clerk": frappe.session.user,
			"status": REQUESTED,
		}
	).insert()
	with language(MEDIATOR_LANG):
		context = {
			"mediator_name": person.full_name,
			"source": language_name(source_language),
			"target": language_name(request.target_language),
			"link": links.url(links.TRANSLATION, request.name, mediator),
		}
	subject, body = render(REQUEST_TEMPLATES, MEDIATOR_LANG, context)
	queue([person.email], subject, body, reference_doctype=DOCTYPE, reference_name=request.name)
	doc.add_comment("Info", _("Short translation requested from {0}.").format(escape_html(person.full_name)))
	return {"name": request.name}


# ---- the mediator's link ------------------------------------------------------------------------------


def check_link(name: str | None, sig: str | None) -> tuple[str, dict | None]:
	if not links.plausible(name, sig):
		return INVALID, None
	row = frappe.db.get_value(
		DOCTYPE, name, ["name", "mediator", "status", "source_text", "source_language", "target_language"], as_dict=True
	)
	if not row or not links.matches(links.TRANSLATION, row.name, row.mediator, sig):
		return INVALID, None
	if row.status != REQUESTED:
		return GONE, None
	return OPEN, row


@frappe.whitelist(allow_guest=True, methods=["POST"])
def submit_translation(translation: str, sig: str, text: str) -> dict:
	"""The mediator's page: the link is the permission, and it works once (row lock)."""
	state, row = check_link(translation, sig)
	if state == INVALID:
		frappe.throw(_("This link is not valid."), exc=WrittenTranslationError)
	text = clean_text(text)
	status = frappe.db.sql(f"select status from `tab{DOCTYPE}` where name = %s for update", translation)
	if state == GONE or not status or status[0][0] != REQUESTED:
		return {"result": "gone", "message": _("This text has already been translated. Thank you!")}
	frappe.db.set_value(DOCTYPE, translation, {"status": TRANSLATED, "translation": text, "translated_on": now_datetime()})
	request = frappe.get_doc(DOCTYPE, translation)
	note_on_case(request, _("Translated by {0}").format(frappe.db.get_value(MEDIATOR, request.mediator, "full_name")), text)
	return {"result": "translated", "message": _("Thank you! Your translation has been passed on.")}


def note_on_case(request, label: str, translation: str) -> None:
	"""The translation beside the original on the case's timeline (both escaped: they are plain text)."""
	if not request.mediation_case:
		return
	content = (
		f"<p><b>{escape_html(label)}</b> ({escape_html(language_name(request.source_language))} → "
		f"{escape_html(language_name(request.target_language))})</p>"
		f'<blockquote dir="auto">{escape_html(request.source_text)}</blockquote>'
		f'<p dir="auto">{escape_html(translation)}</p>'
	)
	frappe.get_doc(
		{
			"doctype": "Comment",
			"comment_type": "Comment",
			"reference_doctype": CASE,
			"reference_name": request.mediation_case,
			"content": content,
			"comment_email": "Guest" if frappe.session.user == "Guest" else frappe.session.user,
			"comment_by": label,
		}
	).insert(ignore_permissions=True)


# ---- a machine draft (LibreTranslate on the cooperative's own server) ---------------------------------------


@frappe.whitelist()
def machine_draft(case: str, text: str, source_language: str, target_language: str = "de") -> dict:
	"""A draft from LibreTranslate, kept and shown as a machine draft beside the original; sent nowhere."""
	doc = frappe.get_doc(CASE, case)
	doc.check_permission("write")
	url = service_url()
	if not url:
		frappe.throw(_("No translation service is configured."), exc=WrittenTranslationError)
	text = clean_text(text)
	draft = libretranslate(url, text, source_language, target_language or "de")
	request = frappe.get_doc(
		{
			"doctype": DOCTYPE,
			"mediation_case": case,
			"source_language": source_language,
			"target_language": target_language or "de",
			"source_text": text,
			"machine_draft": draft,
			"clerk": frappe.session.user,
			"status": MACHINE_DRAFT,
		}
	).insert()
	note_on_case(request, _("Machine draft (unchecked, by {0})").format("LibreTranslate"), draft)
	return {"name": request.name, "draft": draft, "label": _("Machine draft (unchecked)")}


def libretranslate(url: str, text: str, source: str, target: str) -> str:
	"""POST /translate as LibreTranslate documents it: q, source, target, format (and api_key when set);
	the answer is {"translatedText": …}. A failure is a clear message, never a half draft."""
	payload = {"q": text, "source": source, "target": target, "format": "text"}
	api_key = get_decrypted_password(SETTINGS, SETTINGS, "libretranslate_api_key", raise_exception=False)
	if api_key:
		payload["api_key"] = api_key
	try:
		response = requests.post(f"{url}/translate", json=payload, timeout=TIMEOUT)
		response.raise_for_status()
		draft = response.json().get("translatedText")
	except (requests.RequestException, ValueError, AttributeError):
		frappe.log_error(title="LibreTranslate")
		draft = None
	if not isinstance(draft, str) or not draft.strip():
		frappe.throw(
			_("The translation service did not answer. Please ask a mediator instead."),
			title=_("No Machine Draft"),
			exc=WrittenTranslationError,
		)
	return draft.strip()


