"""Follow-up with the reporter: some working days after a case is closed, the reporter is asked, in
their language, "Is the problem solved?" (solved / partly / not solved, and a comment if they like).

- *When*: the category's `follow_up_days`, else the days of its playbook's *Follow-up Call* step, else
  ten working days after closing, on the calendar of the case's SLA policy. The escalation sweep sends
  it (clock "Follow-up" on the case, one timer; no scheduler of its own).
- *How*: most tenants have no portal account, so the answer comes through a signed link that needs no
  login: `/f/<case>/<signature>`, the signature an HMAC (SHA-256, the site's encryption key) over the
  case and the link's expiry. Changing the expiry (closing the case again) makes older links invalid.
  The link works until it expires and only once: the first answer is recorded under a row lock,
  later ones are refused. The page behind an invalid, expired or used link says so and shows nothing
  of the case. Links in mail never answer by themselves (mail scanners open links): the page asks.
- *Without email*: a printable letter (Print Format "Follow-up Letter") with the short link and a QR
  code, and the clerk records an answer given by phone (`record_phone_answer`), through the same path.
- *The answer*: `follow_up_answer`, `reporter_satisfaction` (a Rating: solved five stars, partly three,
  not solved one, so the satisfaction report reads it as before), a timeline comment with the comment
  escaped, the playbook's follow-up call ticked. *Not solved* reopens the case or opens a linked one
  (setting `follow_up_not_solved`). The answer writes only its own columns, so a clerk editing the
  case at the same moment loses nothing (their save is refused as outdated, and they reload).
"""

import base64
import hashlib
import hmac
from datetime import datetime, timedelta

import frappe
from frappe import _
from frappe.utils import (
	escape_html,
	format_date,
	get_datetime,
	getdate,
	now_datetime,
)

from mitmenschen.escalation import ladder, timers
from mitmenschen.language import PORTAL_LANGUAGES, text_direction
from mitmenschen.mediation.acknowledgement import reporter_language, reporter_party
from mitmenschen.mediation.inbound import reopen
from mitmenschen.mediation.playbook import (
	add_working_days,
	case_calendar,
	set_follow_up_due,
	tick_follow_up_call,
)
from mitmenschen.mitmenschen_setup.letterhead import as_is, printable_url, public_url, sender
from mitmenschen.outbound import templates as templates_kit
from mitmenschen.outbound.mail import outgoing_account
from mitmenschen.outbound.notices import notify
from mitmenschen.outbound.templates import TemplateSet

DOCTYPE = "Mediation Case"
CLOCK = "Follow-up"
CLOSED, REOPENED = "Closed", "Reopened"
DEFAULT_DAYS = 10
EXPIRY_DAYS = 28  # calendar days after the follow-up day
MAX_COMMENT = 2000
OPEN_LINKED_CASE = "Open a Linked Case"
# answer key (the page's values) -> stored answer, Rating (fraction of five stars)
ANSWERS: dict[str, tuple[str, float]] = {
	"solved": ("Solved", 1.0),
	"partly": ("Partly Solved", 0.6),
	"not_solved": ("Not Solved", 0.2),
}
VALID, INVALID, EXPIRED, USED = "valid", "invalid", "expired", "used"


class FollowUpError(frappe.ValidationError):
	pass


class AlreadyAnsweredError(FollowUpError):
	pass


# ---- when --------------------------------------------------------------------------------------------


def follow_up_days(category: str | None) -> int:
	if not category:
		return DEFAULT_DAYS
	days = frappe.db.get_value("Case Category", category, "follow_up_days")
	if days:
		return int(days)
	step_days = frappe.db.get_value(
		"Case Category Step",
		{"parent": category, "parenttype": "Case Category", "action_type": "Follow-up Call"},
		"days_after",
		order_by="idx asc",
	)
	return int(step_days) if step_days else DEFAULT_DAYS


def prepare(case) -> None:
	"""validate, when the case is being closed: the day the reporter is asked and the link's expiry;
	an earlier answer no longer counts for the new closing (the link changes with the expiry)."""
	due = add_working_days(case_calendar(case), now_datetime(), follow_up_days(case.category))
	case.follow_up_date = due
	case.follow_up_expires_on = datetime.combine(
		getdate(due) + timedelta(days=EXPIRY_DAYS), datetime.max.time()
	).replace(microsecond=0)
	case.follow_up_sent_on = None
	case.follow_up_answer = None
	case.follow_up_answered_on = None
	case.follow_up_answered_via = None
	set_follow_up_due(case, due)


def schedule(case) -> None:
	"""on_update: closed cases wait for their follow-up; reopened ones do not."""
	if case.status != CLOSED:
		timers.cancel(DOCTYPE, case.name, [CLOCK])
		return
	if not case.follow_up_date:
		return

	calendar = case_calendar(case)
	# each closing asks once: the level counts the follow-ups sent before (a sent level stays sent)
	level = 1 + frappe.db.count(
		"Escalation Timer",
		{"reference_doctype": DOCTYPE, "reference_name": case.name, "clock": CLOCK, "status": "Sent"},
	)
	rung = ladder.Rung(level=level, trigger="Before", percent=0, notify="Reporter")
	due_at = datetime.combine(getdate(case.follow_up_date), calendar.day_start)
	timers.schedule(DOCTYPE, case.name, CLOCK, [ladder.Step(rung, due_at)])


# ---- the link ----------------------------------------------------------------------------------------


def signature(case_name: str, expires, round_: int = 0) -> str:
	"""Over the case, the link's expiry and how often the case was reopened: a new closing is a new link."""
	from frappe.utils.password import get_encryption_key

	message = f"mitmenschen-follow-up|{case_name}|{get_datetime(expires).isoformat()}|{round_ or 0}".encode()
	digest = hmac.new(get_encryption_key().encode(), message, hashlib.sha256).digest()
	return base64.b32encode(digest).decode().lower().rstrip("=")[:24]


def link(case_name: str, expires, round_: int = 0, lang: str | None = None) -> str:
	"""On the site's public address (settings): a letter's reader cannot reach the host a clerk uses."""
	url = public_url(f"/f/{case_name}/{signature(case_name, expires, round_)}")
	return f"{url}?_lang={lang}" if lang else url


def check_link(case_name: str | None, sig: str | None) -> tuple[str, dict | None]:
	"""(state, case values): the signature is checked before anything about the case is told."""
	if not case_name or not sig or len(sig) > 64 or len(case_name) > 140:
		return INVALID, None
	case = frappe.db.get_value(
		DOCTYPE,
		case_name,
		[
			"name",
			"status",
			"follow_up_expires_on",
			"follow_up_answered_on",
			"reopen_count",
			"reporter_language",
			"reporter_email",
		],
		as_dict=True,
	)
	if not case or not case.follow_up_expires_on:
		return INVALID, None
	if not hmac.compare_digest(
		signature(case.name, case.follow_up_expires_on, case.reopen_count), sig.strip().lower()
	):
		return INVALID, None
	if case.follow_up_answered_on or case.status != CLOSED:
		return USED, case
	if now_datetime() > get_datetime(case.follow_up_expires_on):
		return EXPIRED, case
	return VALID, case


# ---- the reporter's language -------------------------------------------------------------------------


def reporter_lang(case) -> str:
	if case.get("reporter_language"):
		return case.reporter_language
	return reporter_language(case.reporter_email) if case.get("reporter_email") else site_language()


def site_language() -> str:
	return frappe.db.get_default("lang") or "de"


# ---- sending (the sweep) -------------------------------------------------------------------------------


# what asking the reporter reads of a case, besides what the escalation source reads for its notices
FIELDS = [
	"status",
	"subject",
	"reporter_email",
	"reporter_language",
	"tenant_doctype",
	"reporter_tenant",
	"follow_up_expires_on",
	"follow_up_answered_on",
	"reopen_count",
]
BY_NOTICE, BY_LETTER = "notice", "letter"


def channel(case) -> str | None:
	"""How the reporter is asked now: through the one way out (their consented channel or the letter
	queue when Contact Channels are on record, else mail to their address), by the follow-up letter or
	phone (no address, or a site that sends no mail), or not at all (reopened, answered by phone, or
	gone meanwhile). The escalation source's notices and `ask` both decide by it, so the assignee is
	told exactly when nothing goes out by itself."""
	if case.status != CLOSED or case.follow_up_answered_on or not case.follow_up_expires_on:
		return None
	if reporter_party(case)[1] or (case.reporter_email and outgoing_account(DOCTYPE)):
		return BY_NOTICE
	return BY_LETTER


def ask(cases: list) -> None:
	"""The sweep's step for due follow-ups (the source's `fired`, after the digests): ask the reporters;
	for a reporter asked by letter or phone the timeline says so (the assignee's digest names the case)."""
	for case in cases:
		how = channel(case)
		if how == BY_NOTICE:
			send_question(case)
		elif how == BY_LETTER:
			frappe.get_doc(DOCTYPE, case.name).add_comment(
				"Info",
				_("Follow-up due: the reporter has no email address. Print the follow-up letter or call."),
			)


def template_texts(lang: str) -> tuple[str, str]:
	"""Subject and body (Jinja: `case_name`, `link` (the answer page), `answer_links` (the page with an
	answer chosen, by key), `expires` (the link's last day), `channel`). A mail offers one link per
	answer; every channel has the link written out: an SMS, a WhatsApp message and a letter carry text
	only, and on a phone the text stays short."""
	subject = "[{{ case_name }}] " + _("Is the problem solved?", lang=lang)
	paragraphs = [
		_("Some time ago you reported a problem to us ({0}). We have closed the case.", lang=lang).format(
			"{{ case_name }}"
		),
		_("Is the problem solved? Please choose an answer; you can add a comment.", lang=lang),
	]
	buttons = "".join(
		f'<p><a href="{{{{ answer_links.{key} }}}}">{escape_html(_(label, lang=lang))}</a></p>'
		for key, (label, _rating) in ANSWERS.items()
	)
	address = _("Or open this address and choose an answer: {0}", lang=lang).format(
		'<a href="{{ link }}">{{ link }}</a>'
	)
	footer = _("The link works once, until {0}. You need no account.", lang=lang).format("{{ expires }}")
	body = (
		f'<div lang="{lang}" dir="{text_direction(lang)}">'
		+ "".join(f"<p>{p}</p>" for p in paragraphs)
		+ '{% if channel == "Email" %}'
		+ buttons
		+ "{% endif %}"
		+ f"<p>{address}</p><p>{footer}</p></div>"
	)
	return subject, body


TEMPLATES = TemplateSet("Mit:Menschen Follow-up Question", template_texts)


def ensure_email_templates() -> None:
	templates_kit.ensure(TEMPLATES, PORTAL_LANGUAGES)


def send_question(case) -> str:
	"""The question through the one way out, once per closing (the key counts the reopenings); returns
	the Outbound Message. In mail each answer is a link; in an SMS or a WhatsApp message the written-out
	link (without the language parameter: the page speaks the reporter's language anyway, and a plain
	text keeps no markup)."""
	lang = reporter_lang(case)
	with_lang = link(case.name, case.follow_up_expires_on, case.reopen_count, lang)
	party, on_record = reporter_party(case)
	context = {
		"case_name": case.name,
		"link": link(case.name, case.follow_up_expires_on, case.reopen_count),
		"answer_links": {key: f"{with_lang}&answer={key}" for key in ANSWERS},
		"expires": format_date(case.follow_up_expires_on, "dd.MM.yyyy"),
	}
	name = notify(
		party,
		TEMPLATES,
		context,
		reference=(DOCTYPE, case.name),
		key=f"follow-up:{case.name}:{case.reopen_count or 0}",
		language=lang,
		email=None if on_record else case.reporter_email,
	)
	frappe.db.set_value(DOCTYPE, case.name, "follow_up_sent_on", now_datetime(), update_modified=False)
	return name


# ---- the answer ----------------------------------------------------------------------------------------


@frappe.whitelist(allow_guest=True, methods=["POST"])
def submit_answer(case: str, sig: str, answer: str, comment: str | None = None) -> dict:
	"""The page's form (no login): the signature is the permission."""
	state, values = check_link(case, sig)
	if state == USED:
		frappe.throw(_("This question was already answered. Thank you!"), exc=AlreadyAnsweredError)
	if state != VALID:
		frappe.throw(_("This link is not valid (any more)."), exc=FollowUpError)
	frappe.local.lang = reporter_lang(values)
	record_answer(values.name, answer, comment, via="Link")
	return {"message": _("Thank you! Your answer has been recorded.")}


@frappe.whitelist()
def record_phone_answer(case: str, answer: str, comment: str | None = None) -> dict:
	"""A clerk records what the reporter said on the phone (or wrote back on the letter)."""
	doc = frappe.get_doc(DOCTYPE, case)
	doc.check_permission("write")
	if doc.status != CLOSED:
		frappe.throw(_("Only a closed case can be followed up."), exc=FollowUpError)
	record_answer(case, answer, comment, via="Phone")
	return frappe.get_doc(DOCTYPE, case).as_dict()


def clean_answer(answer: str | None, comment: str | None) -> tuple[str, float, str]:
	if answer not in ANSWERS:
		frappe.throw(
			_("Please choose one of the three answers."), title=_("Answer Missing"), exc=FollowUpError
		)
	comment = (comment or "").strip()
	if len(comment) > MAX_COMMENT:
		frappe.throw(
			_("Your comment is too long: please shorten it to {0} characters.").format(MAX_COMMENT),
			title=_("Comment Too Long"),
			exc=FollowUpError,
		)
	label, rating = ANSWERS[answer]
	return label, rating, comment


def record_answer(case_name: str, answer: str, comment: str | None, via: str) -> None:
	label, rating, comment = clean_answer(answer, comment)
	# the row lock makes "works once" hold for two submissions at the same moment
	row = frappe.db.sql(
		"select follow_up_answered_on from `tabMediation Case` where name = %s for update",
		case_name,
		as_dict=True,
	)
	if not row:
		frappe.throw(_("This link is not valid (any more)."), exc=FollowUpError)
	if row[0].follow_up_answered_on:
		frappe.throw(_("This question was already answered. Thank you!"), exc=AlreadyAnsweredError)
	frappe.db.set_value(
		DOCTYPE,
		case_name,
		{
			"follow_up_answer": label,
			"follow_up_answered_on": now_datetime(),
			"follow_up_answered_via": via,
			"reporter_satisfaction": rating,
		},
	)
	timers.cancel(DOCTYPE, case_name, [CLOCK])

	tick_follow_up_call(case_name)
	site_lang = site_language()
	text = _("Follow-up answer of the reporter ({0}): {1}", lang=site_lang).format(
		_(via, lang=site_lang), frappe.bold(_(label, lang=site_lang))
	)
	if comment:
		text += "<br>" + escape_html(comment).replace("\n", "<br>")
	case = frappe.get_doc(DOCTYPE, case_name)
	case.add_comment("Comment", text)
	if answer == "not_solved":
		not_solved(case, comment)


def not_solved(case, comment: str) -> None:
	"""Reopen the case, or open a linked one (setting); the reopened case keeps its history."""
	site_lang = site_language()
	if frappe.db.get_single_value("Mitmenschen Settings", "follow_up_not_solved") == OPEN_LINKED_CASE:
		linked = frappe.get_doc(
			{
				"doctype": DOCTYPE,
				"subject": case.subject,
				"category": case.category,
				"priority": case.priority,
				"channel": case.channel,
				"description": escape_html(comment).replace("\n", "<br>") if comment else case.description,
				"reporter_email": case.reporter_email,
				"reporter_name": case.reporter_name,
				"reporter_phone": case.reporter_phone,
				"reporter_language": case.reporter_language,
				"tenant_doctype": case.tenant_doctype,
				"reporter_tenant": case.reporter_tenant,
				"property_unit": case.property_unit,
				"respondent_household": case.respondent_household,
				"assigned_to": case.assigned_to,
				"recurrence_of": case.name,
			}
		)
		linked.flags.ignore_permissions = True
		linked.insert()
		case.add_comment(
			"Info", _("The reporter answered Not Solved: {0} was opened.", lang=site_lang).format(linked.name)
		)
		return
	reopen(case)
	case.add_comment("Info", _("Reopened: the reporter answered Not Solved.", lang=site_lang))


# ---- the letter (Print Format "Follow-up Letter") ------------------------------------------------------


LETTER_TEMPLATE = "mitmenschen/mediation/print_format/follow_up_letter/follow_up_letter.html"


def letter_pdf(case_name: str) -> bytes:
	"""The letter as a self-contained PDF (no stylesheet fetched from the web server, so it renders
	on a machine that cannot reach its own host name, as the house rules' pictogram page does)."""
	from frappe.utils.pdf import get_pdf

	doc = frappe.get_doc(DOCTYPE, case_name)
	lang = reporter_lang(doc) if doc.follow_up_expires_on else "de"
	body = frappe.render_template(
		LETTER_TEMPLATE, {"doc": doc, "letter_context": letter_context, "for_pdf": True}
	)
	html = (
		f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
		f"<title>{escape_html(doc.name)}</title></head><body>{body}</body></html>"
	)
	return get_pdf(
		html, {"page-size": "A4", "margin-top": "20mm", "margin-bottom": "15mm", "encoding": "UTF-8"}
	)


@frappe.whitelist()
def download_letter(case: str) -> None:
	"""The desk's "Follow-up Letter" button."""
	doc = frappe.get_doc(DOCTYPE, case)
	frappe.has_permission(DOCTYPE, "print", doc, throw=True)
	frappe.local.response.filename = f"{doc.name}-follow-up.pdf"
	frappe.local.response.filecontent = letter_pdf(doc.name)
	frappe.local.response.type = "pdf"


def qr_png(url: str) -> str:
	"""A QR code of the link as a data URI (pure Python: pyqrcode with pypng, as Frappe ships them)."""
	import pyqrcode

	return "data:image/png;base64," + pyqrcode.create(url, error="M").png_as_base64_str(scale=5, quiet_zone=2)


RLE, LRE, PDF_MARK = "\u202b", "\u202a", "\u202c"  # right-/left-to-right embedding, and its end
RLM = "\u200f"  # right-to-left mark


def phone_line(lang: str, who: dict) -> str:
	"""The help line's number and hours (settings), so that "call us" can be done from the letter."""
	if not who["phone"]:
		return _("You can also answer us by letter.", lang=lang)
	if who["hours"]:
		return _("You can also call us on {0} ({1}) and tell us your answer.", lang=lang).format(
			who["phone"], who["hours"]
		)
	return _("You can also call us on {0} and tell us your answer.", lang=lang).format(who["phone"])


def letter_context(doc, pdf: bool = False) -> dict:
	"""What the letter prints, in the reporter's language (Jinja method, see hooks).

	For the PDF, right-to-left text is embedded with Unicode's RLE mark instead of `dir="rtl"`:
	wkhtmltopdf (unpatched Qt) shifts right-to-left boxes past the right margin and cuts them. The
	browser's print view keeps `dir` and prints them as they should look."""
	if not doc or doc.get("doctype") != DOCTYPE or not doc.get("follow_up_expires_on"):
		return {"url": None, "note": _("The follow-up letter can be printed once the case is closed.")}
	lang = reporter_lang(doc)
	url = link(doc.name, doc.follow_up_expires_on, doc.reopen_count)
	rtl = text_direction(lang) == "rtl"
	embed = pdf and rtl
	# numbers stay left to right inside right-to-left text (left-to-right embedding, and its end)
	who = sender(lang, (lambda text: LRE + text + PDF_MARK) if embed else as_is)
	# its fonts lack the Arabic question mark, and a run holding it vanishes: the Latin one instead
	# and a right-to-left mark at both ends: without it, a short line of several words slides past the right
	# margin and is cut off
	mark = (lambda text: RLE + RLM + text.replace("\u061f", "?") + RLM + PDF_MARK) if embed else as_is
	texts = {
		"greeting": _("Hello,", lang=lang),
		"intro": _(
			"Some time ago you reported a problem to us ({0}). We have closed the case.", lang=lang
		).format(doc.name),
		"question": _("Is the problem solved?", lang=lang),
		"how": _("Open this address or scan the code, and choose an answer. You need no account:", lang=lang),
		"phone": phone_line(lang, who),
		"valid_until": _("The link works once, until {0}. You need no account.", lang=lang).format(
			format_date(doc.follow_up_expires_on, "dd.MM.yyyy")
		),
	}
	return {
		"lang": lang,
		"dir": None if pdf else text_direction(lang),
		"align": "right" if rtl else "left",
		"url": url,
		"short_url": printable_url(url),
		"sender": who,
		"date_label": mark(_("Date", lang=lang)),
		"regards": mark(_("Kind regards", lang=lang)),
		"qr": qr_png(url),
		# a box to tick (right to left in the PDF a bullet: wkhtmltopdf mangles the brackets there)
		"answers": [
			mark(("• " if embed else "[  ] ") + _(label, lang=lang)) for label, _r in ANSWERS.values()
		],
		**{key: mark(text) for key, text in texts.items()},
	}
