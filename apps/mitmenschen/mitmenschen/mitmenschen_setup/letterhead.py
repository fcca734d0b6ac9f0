"""The cooperative as the sender of a printed letter: its name and logo, its help line, the date, and the
public address that links on paper point to (Mit:Menschen Settings).

A letter is a PDF rendered without the web server (wkhtmltopdf cannot fetch the site's own files when
the site's host name is not reachable from the machine), so the logo travels inside the page as a
data URI.
"""

import base64
import mimetypes
from collections.abc import Callable

import frappe
from frappe import _
from frappe.utils import format_date, get_url, nowdate

SETTINGS = "Mitmenschen Settings"
HELP_DAYS = ("Monday to Friday", "Monday to Thursday", "Monday to Saturday")
MAX_LOGO_BYTES = 512 * 1024


def public_url(path: str = "") -> str:
	"""`path` on the address the public reaches the site at (the setting), else the called address."""
	base = (frappe.db.get_single_value(SETTINGS, "public_url") or "").strip().rstrip("/")
	return f"{base}{path}" if base else get_url(path)


def printable_url(url: str) -> str:
	"""What a person types: no scheme, no "www."."""
	short = url.split("://", 1)[-1]
	return short[4:] if short.startswith("www.") else short


def as_is(text: str) -> str:
	return text


def sender(lang: str, ltr: Callable[[str], str] = as_is) -> dict:
	"""The letter's head and sign-off, in the reader's language. `ltr` keeps numbers left to right inside
	right-to-left text (a PDF of wkhtmltopdf needs Unicode's embedding marks for that)."""
	settings = frappe.get_cached_doc(SETTINGS)
	name = settings.get("cooperative_name") or frappe.db.get_single_value("Global Defaults", "default_company")
	phone = (settings.get("help_phone") or "").strip()
	return {
		"name": name or "Mit:Menschen",
		"logo": logo_data_uri(settings.get("cooperative_logo")),
		"phone": ltr(phone) if phone else "",
		"hours": help_hours(settings, lang, ltr),
		"date": format_date(nowdate(), "dd.MM.yyyy"),
	}


def help_hours(settings, lang: str, ltr: Callable[[str], str] = as_is) -> str:
	"""“Monday to Friday, 09:00–16:00” in `lang`; empty without times."""
	start, end = (settings.get("help_from") or "").strip(), (settings.get("help_until") or "").strip()
	if not (start and end):
		return ""
	days = settings.get("help_days") if settings.get("help_days") in HELP_DAYS else HELP_DAYS[0]
	return _("{0}, {1}–{2}", lang=lang).format(_(days, lang=lang), ltr(start), ltr(end))


def logo_data_uri(file_url: str | None) -> str | None:
	"""The logo file (an upload of the site) as a data URI; None when there is none or it is too big."""
	if not file_url:
		return None
	name = frappe.db.get_value("File", {"file_url": file_url}, "name")
	if not name:
		return None
	content = frappe.get_doc("File", name).get_content()
	if isinstance(content, str):
		content = content.encode()
	if not content or len(content) > MAX_LOGO_BYTES:
		return None
	mime = mimetypes.guess_type(file_url)[0] or "image/png"
	return f"data:{mime};base64,{base64.b64encode(content).decode()}"
