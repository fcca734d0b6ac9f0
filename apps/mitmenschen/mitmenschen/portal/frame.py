"""The frame around every portal and tenant page: the cooperative's name and logo, a language switch,
the help line and the privacy notice — instead of Frappe's website navbar and footer (a "Home" bar, a
newsletter box, "Powered by ERPNext"), which speak to a shop's customers, not to a family or a partner.

Everything comes from Mit:Menschen Settings, with Website Settings' name and logo as the fallback, so a
cooperative sets its frame where it sets its portal options.
"""

from urllib.parse import urlencode

import frappe
from frappe import _

from mitmenschen.language import TENANT_FORM_LANGUAGES, base_language, current_language, text_direction

SETTINGS = "Mitmenschen Settings"
APP_LOGO = "/assets/mitmenschen/mitmenschen.svg"
PRIVACY_ROUTE = "/privacy"
# what the help line's days read as (the settings' Select options, translated for the reader)
HELP_DAYS = ("Monday to Friday", "Monday to Thursday", "Monday to Saturday")


def frame_context() -> dict:
	settings = frappe.get_cached_doc(SETTINGS)
	website = frappe.get_cached_doc("Website Settings")
	return {
		"name": settings.get("cooperative_name") or cooperative_name(website),
		"logo": settings.get("cooperative_logo") or website.get("app_logo") or APP_LOGO,
		"help_phone": settings.get("help_phone") or "",
		"help_hours": help_hours(settings),
		"privacy_route": PRIVACY_ROUTE,
		"languages": language_links(),
		"user_name": user_name(),
	}


def cooperative_name(website) -> str:
	"""Website Settings' name unless it is Frappe's default, else ERPNext's default company: the cooperative."""
	if website.get("app_name") and website.app_name != "Frappe":
		return website.app_name
	return frappe.db.get_single_value("Global Defaults", "default_company") or "Mit:Menschen"


def help_hours(settings) -> str:
	"""“Monday to Friday, 09:00–16:00” in the reader's language; empty without times."""
	start, end = (settings.get("help_from") or "").strip(), (settings.get("help_until") or "").strip()
	if not (start and end):
		return ""
	days = settings.get("help_days") if settings.get("help_days") in HELP_DAYS else HELP_DAYS[0]
	# the times stay left to right inside a right-to-left line (Unicode isolate: 09:00–16:00, not 16:00–09:00)
	return _("{0}, {1}–{2}").format(_(days), f"\u2066{start}", f"{end}\u2069")


def language_links() -> list[dict]:
	"""The current page in each portal language (its other query parameters kept), each named in its own
	language so a reader finds theirs without reading the page's."""
	lang = base_language(current_language())
	request = getattr(frappe.local, "request", None)
	path = request.path if request else "/"
	args = {k: v for k, v in (request.args.items() if request else []) if k != "_lang"}
	return [
		{
			"code": code,
			"label": label,
			"dir": text_direction(code),
			"selected": code == lang,
			"url": f"{path}?{urlencode({**args, '_lang': code})}",
		}
		for code, label in TENANT_FORM_LANGUAGES.items()
	]


def user_name() -> str | None:
	if frappe.session.user == "Guest":
		return None
	return frappe.utils.get_fullname(frappe.session.user)
