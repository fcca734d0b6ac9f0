"""The house rules reach a household: through its agreed channel, by mail in its language, printed
for a home visit, or explained in person (the explanation is recorded with who, language,
interpreter, version and the member who acknowledged it).

A household with Contact Channels gets them as a notice (outbound.notices.notify) on its consented
channel: by SMS or WhatsApp a short text with a signed link to the picture page in its language, by
email the same with the page attached, by letter the page printed behind the letter (the clerk's
daily letters PDF). Once per version and household, also when sent twice.

Mail goes through Frappe's Email Queue with the one-page pictogram summary rendered in the
household's language (once per version and language, kept as a private file of the version) and the
translation's own PDF if there is one. A language without a translation gets German plus English
and a note on the household's timeline. Every delivery is a row on the household, so a new version
reaches each household of an older one exactly once, also when the mass send runs twice.
"""

import base64
import hashlib
import hmac
from pathlib import Path

import frappe
from frappe import _
from frappe.translate import print_language
from frappe.utils import (
	cint,
	escape_html,
	formatdate,
	get_datetime,
	get_url,
	now_datetime,
	nowdate,
	validate_email_address,
)
from frappe.utils.data import convert_utc_to_system_timezone
from frappe.utils.password import get_encryption_key
from frappe.utils.pdf import get_pdf

from mitmenschen.escalation.digest import outgoing_mail_ready
from mitmenschen.households.house_rules import (
	HOUSE_RULES,
	HOUSEHOLD,
	household_language,
	households_of_older_versions,
	languages_to_send,
	outdated_languages,
	pdf_in,
	text_in,
	translation_for,
	version_in_force,
)
from mitmenschen.language import DEFAULT_LANGUAGE, base_language, label_of_language, text_direction
from mitmenschen.outbound import consent
from mitmenschen.outbound import mail as outbound_mail
from mitmenschen.outbound.notices import LOG, notify
from mitmenschen.outbound.templates import TemplateSet

PICTOGRAMS = "House Rules Pictograms"
PICTOGRAM_TEMPLATE = "households/print_format/house_rules_pictograms/house_rules_pictograms.html"
EMAIL = "Email"
PRINT = "Print"
AGREED = "Agreed Channel"  # the household's consented channel (Contact Channels), chosen by notify


class OutdatedTranslationError(frappe.ValidationError):
	pass


class NoRecipientError(frappe.ValidationError):
	pass


# ---- what a household gets ----------------------------------------------------------------------


def household_email(household) -> str | None:
	"""The tenant record's email address, else that of a contact linked to it (ERPNext keeps a tenant's
	addresses in Contacts), else the address of its first portal user."""
	if not household.tenant or not household.tenant_doctype:
		return None
	if frappe.get_meta(household.tenant_doctype).has_field("email_id"):
		email = frappe.db.get_value(household.tenant_doctype, household.tenant, "email_id")
		if email:
			return email
	if email := contact_email(household.tenant_doctype, household.tenant):
		return email
	user = frappe.db.get_value(
		"Portal User", {"parent": household.tenant, "parenttype": household.tenant_doctype}, "user"
	)
	return frappe.db.get_value("User", user, "email") if user else None


def contact_email(doctype: str, name: str) -> str | None:
	"""The email of a Contact linked to the record, its primary contact first."""
	contacts = frappe.get_all(
		"Contact",
		filters=[
			["Dynamic Link", "link_doctype", "=", doctype],
			["Dynamic Link", "link_name", "=", name],
			["Contact", "email_id", "is", "set"],
		],
		fields=["email_id"],
		order_by="`tabContact`.is_primary_contact desc, `tabContact`.creation asc",
		limit=1,
	)
	return contacts[0].email_id if contacts else None


def pictogram_pdf(rules, lang: str) -> str:
	"""The File (name) of the pictogram page in a language, rendered once per version and language and
	again after the version, the page's template or the language's translations changed."""
	file_name = f"{rules.name.replace(' ', '-')}-{base_language(lang)}.pdf"
	valid_since = max(get_datetime(rules.modified), pictogram_sources_changed_on(lang))
	existing = frappe.get_all(
		"File",
		filters={"attached_to_doctype": HOUSE_RULES, "attached_to_name": rules.name, "file_name": file_name},
		fields=["name", "creation"],
		order_by="creation desc",
	)
	fresh = [f for f in existing if get_datetime(f.creation) >= valid_since]
	if fresh:
		return fresh[0].name
	for stale in existing:
		frappe.delete_doc("File", stale.name, ignore_permissions=True)
	content = render_pictograms(rules, lang)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": file_name,
			"attached_to_doctype": HOUSE_RULES,
			"attached_to_name": rules.name,
			"is_private": 1,
			"content": content,
		}
	).insert(ignore_permissions=True)
	return file.name


def pictogram_sources_changed_on(lang: str):
	"""When the page's template or the compiled translations of the language last changed (an app
	update), in the site's time zone like File.creation."""
	from datetime import datetime

	from frappe.gettext.translate import get_mo_path

	paths = [
		Path(frappe.get_app_path("mitmenschen", PICTOGRAM_TEMPLATE)),
		get_mo_path("mitmenschen", base_language(lang)),
	]
	changed = max(path.stat().st_mtime for path in paths if path.exists())
	return get_datetime(convert_utc_to_system_timezone(datetime.utcfromtimestamp(changed))).replace(
		tzinfo=None
	)


def render_pictograms(rules, lang: str) -> bytes:
	"""The print format's page as a self-contained PDF (no stylesheet fetched from the web server, so
	it renders in a background job and on a machine that cannot reach its own host name)."""
	lang = base_language(lang)
	with print_language(lang):
		body = frappe.render_template(PICTOGRAM_TEMPLATE, {"doc": rules, "print_lang": lang})
		title = escape_html(rules.name)
	html = (
		f'<!DOCTYPE html><html lang="{lang}" dir="{text_direction(lang)}"><head><meta charset="utf-8">'
		f"<title>{title}</title></head><body>{body}</body></html>"
	)
	return get_pdf(
		html, {"page-size": "A4", "margin-top": "10mm", "margin-bottom": "10mm", "encoding": "UTF-8"}
	)


@frappe.whitelist()
def download_pictograms(house_rules: str, language: str = DEFAULT_LANGUAGE) -> None:
	"""The pictogram page of a version in a language, as PDF (for printing at a home visit)."""
	rules = frappe.get_doc(HOUSE_RULES, house_rules)
	frappe.has_permission(HOUSE_RULES, "print", rules, throw=True)
	frappe.local.response.filename = f"{rules.name.replace(' ', '-')}-{base_language(language)}.pdf"
	frappe.local.response.filecontent = render_pictograms(rules, language)
	frappe.local.response.type = "pdf"


def attachments(rules, languages: list[str]) -> list[dict]:
	found = []
	for lang in languages:
		found.append({"fid": pictogram_pdf(rules, lang)})
		if pdf := pdf_in(rules, lang):
			found.append({"file_url": pdf})
	return found


def mail_subject(rules, languages: list[str]) -> str:
	return " / ".join(
		_("The house rules of your building (version {0})", lang=lang).format(rules.version)
		for lang in languages
	)


def mail_body(rules, languages: list[str], fallback: bool) -> str:
	valid_from = formatdate(rules.valid_from, "dd.MM.yyyy")
	parts = []
	for lang in languages:
		paragraphs = []
		if fallback:
			paragraphs.append(
				_(
					"We do not have the house rules in your language yet, so we are sending them in German and English.",
					lang=lang,
				)
			)
		paragraphs += [
			_("Here are the house rules of your building (version {0}, valid from {1}).", lang=lang).format(
				rules.version, valid_from
			),
			_("The picture page in the attachment shows the most important rules at a glance.", lang=lang),
		]
		closing = _(
			"If something is unclear, please ask us. We are happy to explain everything in person, also with an interpreter.",
			lang=lang,
		)
		parts.append(
			f'<div lang="{lang}" dir="{text_direction(lang)}">'
			+ "".join(f"<p>{escape_html(p)}</p>" for p in paragraphs)
			+ f'<div class="house-rules-text">{text_in(rules, lang)}</div>'
			+ f"<p>{escape_html(closing)}</p></div>"
		)
	return "<hr>".join(parts)


def sender() -> str | None:
	account = frappe.db.get_single_value("Mitmenschen Settings", "escalation_sender")
	return frappe.db.get_value("Email Account", account, "email_id") if account else None


# ---- through the household's agreed channel ------------------------------------------------------


def notice_texts(lang: str) -> tuple[str, str]:
	"""Short enough for an SMS: the version, the link to the picture page (or, in a letter, the page
	printed behind it) and whom to ask. Jinja: version, valid_from, sheet_url."""
	subject = _("The house rules of your building (version {0})", lang=lang).format("{{ version }}")
	lines = [
		_("Here are the house rules of your building (version {0}, valid from {1}).", lang=lang).format(
			"{{ version }}", "{{ valid_from }}"
		),
		"{% if sheet_url %}"
		+ _("The picture page with the most important rules: {0}", lang=lang).format(
			'<a href="{{ sheet_url }}">{{ sheet_url }}</a>'
		)
		+ "{% else %}"
		+ _("The picture page in the attachment shows the most important rules at a glance.", lang=lang)
		+ "{% endif %}",
		_(
			"If something is unclear, please ask us. We are happy to explain everything in person, also with an interpreter.",
			lang=lang,
		),
	]
	body = "".join(f"<p>{line}</p>" for line in lines)
	return subject, f'<div lang="{lang}" dir="{text_direction(lang)}">{body}</div>'


NOTICE = TemplateSet("Mit:Menschen House Rules", notice_texts)


def sheet_signature(house_rules: str, lang: str) -> str:
	"""HMAC (the site's encryption key) over the version and the language: the link cannot be guessed
	for another version, and the page holds nothing about the household."""
	message = f"mitmenschen-house-rules-sheet|{house_rules}|{lang}".encode()
	digest = hmac.new(get_encryption_key().encode(), message, hashlib.sha256).digest()
	return base64.b32encode(digest).decode().lower().rstrip("=")[:24]


def sheet_url(house_rules: str, lang: str) -> str:
	from urllib.parse import urlencode

	lang = base_language(lang)
	query = urlencode(
		{"house_rules": house_rules, "language": lang, "sig": sheet_signature(house_rules, lang)}
	)
	return get_url(f"/api/method/mitmenschen.households.house_rules_sending.sheet?{query}")


@frappe.whitelist(allow_guest=True, methods=["GET"])
def sheet(house_rules: str, language: str, sig: str) -> None:
	"""The picture page behind a signed link (from an SMS or a WhatsApp message, no login)."""
	language = base_language(language or "")
	valid = (
		len(house_rules or "") <= 140
		and len(sig or "") <= 64
		and hmac.compare_digest(sheet_signature(house_rules, language), (sig or "").strip().lower())
		and frappe.db.exists(HOUSE_RULES, house_rules)
	)
	if not valid:
		raise frappe.PermissionError(_("This link is not valid."))
	rules = frappe.get_doc(HOUSE_RULES, house_rules)
	file = frappe.get_doc("File", pictogram_pdf(rules, language))
	frappe.local.response.filename = file.file_name
	frappe.local.response.filecontent = file.get_content()
	frappe.local.response.type = "pdf"
	frappe.local.response.display_content_as = "inline"


def agreed_channel(household: str) -> tuple[str, str | None] | None:
	"""(channel, address) the household's notices take, or None without Contact Channels."""
	profile = consent.profile_of(HOUSEHOLD, household)
	return consent.choose_channel(profile) if profile else None


def notice_key(rules, household) -> str:
	return f"house-rules:{rules.name}:{household.name}"


def send_notice(household, rules, lang: str, languages: list[str]) -> tuple[str, str, bool]:
	"""(channel, Outbound Message, already sent): once per version and household."""
	key = notice_key(rules, household)
	if existing := frappe.db.get_value(LOG, {"key": key}, ["name", "channel"], as_dict=True):
		return existing.channel, existing.name, True
	channel, _address = agreed_channel(household.name) or (consent.LETTER, None)
	files = [pictogram_pdf(rules, lang)]
	for code in languages:
		if (url := pdf_in(rules, code)) and (file := frappe.db.get_value("File", {"file_url": url})):
			files.append(file)
	context = {
		"version": rules.version,
		"valid_from": formatdate(rules.valid_from, "dd.MM.yyyy"),
		# a letter carries the page itself; a link helps nobody on paper
		"sheet_url": None if channel == consent.LETTER else sheet_url(rules.name, lang),
	}
	message = notify((HOUSEHOLD, household.name), NOTICE, context, key=key, language=lang, attachments=files)
	return frappe.db.get_value(LOG, message, "channel"), message, False


# ---- one household -----------------------------------------------------------------------------


def deliver(
	household,
	rules,
	lang: str | None = None,
	channel: str = EMAIL,
	recipient: str | None = None,
	confirm_outdated: bool = False,
	mass_send: bool = False,
) -> dict:
	"""Send (or hand over in print) one version to one household and record it on the household."""
	lang = lang or household_language(household, rules)
	languages, fallback = languages_to_send(rules, lang)
	outdated = outdated_languages(rules, languages)
	if outdated and not confirm_outdated:
		frappe.throw(
			_("The translation into {0} was checked against an older German text. Send it anyway?").format(
				", ".join(frappe.bold(label_of_language(code)) for code in outdated)
			),
			title=_("Outdated Translation"),
			exc=OutdatedTranslationError,
		)
	if channel == AGREED:
		sent_by, message, already = send_notice(household, rules, lang, languages)
		result = {
			"languages": languages,
			"fallback": fallback,
			"channel": sent_by,
			"outbound_message": message,
		}
		if already:
			return result | {"already": True}
		address = frappe.db.get_value(LOG, message, "address")
		record_delivery(household, rules, languages, sent_by, address, fallback, mass_send)
		return result | {"recipient": address}
	if channel == EMAIL:
		recipient = (recipient or household_email(household) or "").strip()
		if not recipient or not validate_email_address(recipient):
			frappe.throw(
				_("Household {0} has no email address: print the house rules for a home visit.").format(
					frappe.bold(household.family_name)
				),
				title=_("No Email Address"),
				exc=NoRecipientError,
			)
		outbound_mail.queue(
			recipients=[recipient],
			sender=sender(),
			subject=mail_subject(rules, languages),
			message=mail_body(rules, languages, fallback),
			reference_doctype=HOUSEHOLD,
			reference_name=household.name,
			attachments=attachments(rules, languages),
			add_unsubscribe_link=0,
		)
	record_delivery(
		household, rules, languages, channel, recipient if channel == EMAIL else None, fallback, mass_send
	)
	if fallback:
		household.add_comment(
			"Comment",
			_("No translation of {0} into {1}: sent in {2} instead.").format(
				rules.name, label_of_language(lang), " + ".join(label_of_language(code) for code in languages)
			),
		)
	return {"languages": languages, "fallback": fallback, "recipient": recipient, "channel": channel}


def record_delivery(household, rules, languages, channel, recipient, fallback, mass_send) -> None:
	"""A row on the household (without saving the whole household: its own rules are not in question
	here) and a line on its timeline."""
	row = household.append(
		"house_rules_deliveries",
		{
			"house_rules": rules.name,
			"languages": ", ".join(languages),
			"channel": channel,
			"recipient": recipient,
			"sent_on": now_datetime(),
			"sent_by": frappe.session.user,
			"fallback": cint(fallback),
			"mass_send": cint(mass_send),
		},
	)
	row.db_insert()
	languages_label = " + ".join(label_of_language(code) for code in languages)
	if channel == EMAIL:
		text = _("{0} sent by email to {1} in {2}.").format(rules.name, recipient, languages_label)
	elif channel != PRINT:  # the agreed channel: notify logs the delivery itself ("SMS an … gesendet")
		text = _("{0} sent in {1} by {2}.").format(rules.name, languages_label, _(channel))
	else:
		text = _("{0} printed in {1} for a home visit.").format(rules.name, languages_label)
	household.add_comment("Info", text)


# ---- desk actions on a household ----------------------------------------------------------------


def _household_for_write(household: str):
	doc = frappe.get_doc(HOUSEHOLD, household)
	doc.check_permission("write")
	return doc


def _rules_for_read(house_rules: str | None, household) -> object:
	name = house_rules or version_in_force(household.property_unit, household.district)
	if not name:
		frappe.throw(
			_("There are no house rules in force for this household yet."), title=_("No House Rules")
		)
	rules = frappe.get_doc(HOUSE_RULES, name)
	rules.check_permission("read")
	return rules


@frappe.whitelist()
def send_options(household: str, house_rules: str | None = None, language: str | None = None) -> dict:
	"""What the Send dialog shows: the version in force, the household's language, what would be sent."""
	doc = _household_for_write(household)
	rules = _rules_for_read(house_rules, doc)
	lang = base_language(language) if language else household_language(doc, rules)
	languages, fallback = languages_to_send(rules, lang)
	row = translation_for(rules, lang)
	return {
		"house_rules": rules.name,
		"language": lang,
		"languages": languages,
		"fallback": fallback,
		"outdated": outdated_languages(rules, languages),
		"status": row.status if row else None,
		"recipient": household_email(doc),
		"available": [DEFAULT_LANGUAGE] + [r.language for r in rules.translations],
		"agreed": agreed_channel(doc.name),
	}


@frappe.whitelist()
def send_house_rules(
	household: str,
	house_rules: str | None = None,
	language: str | None = None,
	channel: str | None = None,
	recipient: str | None = None,
	confirm_outdated: bool = False,
) -> dict:
	"""`channel`: Email, Print, or the household's agreed one (the default when it has Contact
	Channels, else Email)."""
	doc = _household_for_write(household)
	rules = _rules_for_read(house_rules, doc)
	channel = channel or (AGREED if agreed_channel(doc.name) else EMAIL)
	if channel not in (EMAIL, PRINT, AGREED):
		frappe.throw(_("Choose Email or Print."))
	if channel == AGREED and not agreed_channel(doc.name):
		frappe.throw(
			_("Household {0} has no contact channels on record.").format(frappe.bold(doc.family_name))
		)
	if channel == EMAIL and not outgoing_mail_ready():
		frappe.throw(_("No outgoing email account is set up: print the house rules instead."))
	if channel == PRINT:
		frappe.has_permission(HOUSE_RULES, "print", rules, throw=True)
	result = deliver(doc, rules, language, channel, recipient, cint(confirm_outdated))
	if channel == PRINT:
		result["pdf_url"] = pictogram_url(rules.name, result["languages"][0])
	return result


def pictogram_url(house_rules: str, lang: str) -> str:
	from urllib.parse import urlencode

	return "/api/method/mitmenschen.households.house_rules_sending.download_pictograms?" + urlencode(
		{"house_rules": house_rules, "language": lang}
	)


@frappe.whitelist()
def record_explanation(
	household: str,
	explained_on: str,
	language: str,
	house_rules: str | None = None,
	explained_by: str | None = None,
	interpreter_used: bool = False,
	interpreter: str | None = None,
	acknowledged_by: str | None = None,
) -> str:
	"""A clerk or volunteer explained the house rules in person; returns the new row's name."""
	doc = _household_for_write(household)
	if house_rules:
		frappe.get_doc(HOUSE_RULES, house_rules).check_permission("read")
	members = {member.member_name for member in doc.members}
	if acknowledged_by and acknowledged_by not in members:
		frappe.throw(
			_("{0} is not a member of this household.").format(frappe.bold(acknowledged_by)),
			title=_("Unknown Member"),
		)
	row = doc.append(
		"house_rules_explanations",
		{
			"explained_on": explained_on or nowdate(),
			"house_rules": house_rules or version_in_force(doc.property_unit, doc.district, explained_on),
			"language": language,
			"explained_by": explained_by or frappe.session.user,
			"interpreter_used": cint(interpreter_used),
			"interpreter": interpreter if cint(interpreter_used) else None,
			"acknowledged_by": acknowledged_by,
		},
	)
	doc.save()
	return row.name


# ---- a new version to every household of an older one -------------------------------------------


@frappe.whitelist()
def older_version_households(house_rules: str) -> list[dict]:
	rules = frappe.get_doc(HOUSE_RULES, house_rules)
	rules.check_permission("read")
	frappe.has_permission(HOUSEHOLD, "read", throw=True)
	return [
		{
			"name": row.name,
			"family_name": row.family_name,
			"acknowledged": row.house_rules,
			"acknowledged_by": row.acknowledged_by,
			"explained_on": row.explained_on,
		}
		for row in households_of_older_versions(rules)
	]


def mass_send_job_id(house_rules: str) -> str:
	return f"mitmenschen-house-rules-{frappe.scrub(house_rules)}"


@frappe.whitelist()
def send_to_older_version_households(house_rules: str, confirm_outdated: bool = False) -> dict:
	"""Queue the mass send (one job per version at a time); returns how many households it concerns."""
	rules = frappe.get_doc(HOUSE_RULES, house_rules)
	rules.check_permission("write")
	frappe.has_permission(HOUSEHOLD, "write", throw=True)
	if not outgoing_mail_ready():
		frappe.throw(_("No outgoing email account is set up."))
	outdated = [row.language for row in rules.translations if row.status == "Outdated"]
	if outdated and not cint(confirm_outdated):
		frappe.throw(
			_("The translation into {0} was checked against an older German text. Send it anyway?").format(
				", ".join(frappe.bold(label_of_language(code)) for code in outdated)
			),
			title=_("Outdated Translation"),
			exc=OutdatedTranslationError,
		)
	count = len(households_of_older_versions(rules))
	frappe.enqueue(
		"mitmenschen.households.house_rules_sending.send_new_version",
		queue="long",
		job_id=mass_send_job_id(rules.name),
		deduplicate=True,
		house_rules=rules.name,
		enqueue_after_commit=True,
	)
	return {"households": count}


def send_new_version(house_rules: str) -> dict:
	"""The job: each household of an older version gets this version once, in its language. Each
	household is locked, checked and committed on its own, so a second run (or a crash half way) sends
	nobody twice; households without an email address are named on the version for a home visit."""
	rules = frappe.get_doc(HOUSE_RULES, house_rules)
	concerned = households_of_older_versions(rules)
	counts = {"sent": 0, "already": 0, "without_email": 0}
	without_email = []
	title = _("Sending {0}").format(rules.name)
	for index, row in enumerate(concerned, 1):
		household = frappe.qb.DocType(HOUSEHOLD)
		frappe.qb.from_(household).select(household.name).where(household.name == row.name).for_update().run()
		if frappe.db.exists(
			"House Rules Delivery", {"parenttype": HOUSEHOLD, "parent": row.name, "house_rules": rules.name}
		):
			counts["already"] += 1
			frappe.db.rollback()
			continue
		doc = frappe.get_doc(HOUSEHOLD, row.name)
		if agreed_channel(doc.name):  # its consented channel, else a letter
			deliver(doc, rules, channel=AGREED, confirm_outdated=True, mass_send=True)
			counts["sent"] += 1
		elif household_email(doc):
			deliver(doc, rules, confirm_outdated=True, mass_send=True)
			counts["sent"] += 1
		else:
			counts["without_email"] += 1
			without_email.append(doc.family_name)
		frappe.db.commit()
		frappe.publish_progress(
			index * 100 / len(concerned),
			title=title,
			doctype=HOUSE_RULES,
			docname=rules.name,
			description=_("{0} of {1} households").format(index, len(concerned)),
		)
	summary = _(
		"{0} sent to {1} households of older versions; {2} had it already; {3} without an email address"
	).format(rules.name, counts["sent"], counts["already"], counts["without_email"])
	if without_email:
		summary += ": " + ", ".join(without_email)
	rules.add_comment("Info", summary + ".")
	frappe.db.commit()
	return counts
