"""The letter that offers support, in the family's language: where to get free, confidential help.

It names the partners who give the advice — the one the family was referred to, else active partners
offering debt or social counselling in the household's district (or city-wide), those speaking the
family's language first — and, for rent arrears, says plainly that payments are open and that talking
early helps. It never names an amount, an invoice or what else the cooperative knows.

The print format ("Support Letter") and the PDF render the same template; the PDF is drawn with
WeasyPrint (installed with Frappe), which sets right-to-left scripts and Ethiopic correctly. With an
email address on the tenant record the letter goes out through the outbound module (a mail on the
signal's timeline with the PDF); without one the clerk prints it.
"""

import frappe
from frappe import _
from frappe.utils import escape_html, format_date, nowdate

from mitmenschen.early_signals.findings import ARREARS
from mitmenschen.households.house_rules import household_language
from mitmenschen.language import DEFAULT_LANGUAGE, portal_language, text_direction
from mitmenschen.partners.routing import find_partners

DOCTYPE = "Early Signal"
LETTER_TEMPLATE = "mitmenschen/early_signals/print_format/support_letter/support_letter.html"
# the partner directory's services that advise on debts, benefits and offices
SUPPORT_SERVICE_TYPES = ("Schuldnerberatung", "Sozialberatung")
MAX_PARTNERS = 3


def family_language(household) -> str:
	"""The household's first language the app writes letters in, else German."""
	return portal_language(household_language(household)) or DEFAULT_LANGUAGE


def advising_partners(signal, household, lang: str) -> list[dict]:
	referred = [row.household_referral for row in signal.get("offers") or [] if row.household_referral]
	names = []
	if referred:
		names = frappe.get_all(
			"Household Referral", filters={"name": ("in", referred)}, pluck="partner_organisation"
		)
	if not names:
		matches = []
		for service in SUPPORT_SERVICE_TYPES:
			matches += find_partners(service_type=service, district=household.district or None)
		matches.sort(key=lambda match: lang not in match.languages)  # the family's language first
		names = list(dict.fromkeys(match.partner_organisation for match in matches))
	rows = []
	for name in names[:MAX_PARTNERS]:
		org = frappe.db.get_value(
			"Partner Organisation",
			name,
			["organisation_name", "hotline_phone", "hotline_email"],
			as_dict=True,
		)
		if org:
			rows.append(org)
	return rows


def support_letter_context(doc, pdf: bool = False) -> dict:
	"""What the letter prints (Jinja method, see hooks), in the family's language."""
	if not doc or doc.get("doctype") != DOCTYPE:
		return {"texts": {}, "partners": []}
	household = frappe.get_doc("Refugee Household", doc.household)
	lang = family_language(household)
	texts = {
		"title": _("Support for your family", lang=lang),
		"greeting": _("Dear family {0},", lang=lang).format(household.family_name or ""),
		"intro": _(
			"Sometimes a letter from an office, a benefit that stops or unexpected costs make everyday life "
			"hard. Help exists, it is free and confidential.",
			lang=lang,
		),
		"where": _("You can get advice here:", lang=lang),
		"contact": _("Or call us: we will arrange an interpreter if you need one.", lang=lang),
		"regards": _("Kind regards", lang=lang),
	}
	if doc.kind == ARREARS:
		texts["arrears"] = _(
			"Our records show that rent payments are open. Please talk to us early: together we can find a "
			"way, for example a payment plan.",
			lang=lang,
		)
	return {
		"lang": lang,
		"dir": text_direction(lang),
		"align": "right" if text_direction(lang) == "rtl" else "left",
		"date": format_date(nowdate()),
		"cooperative": frappe.db.get_single_value("Mitmenschen Settings", "cooperative_name"),
		"texts": texts,
		"partners": advising_partners(doc, household, lang),
	}


def letter_html(signal) -> str:
	context = support_letter_context(signal, pdf=True)
	body = frappe.render_template(
		LETTER_TEMPLATE, {"doc": signal, "support_letter_context": support_letter_context, "for_pdf": True}
	)
	lang = context["lang"]
	return (
		f'<!DOCTYPE html><html lang="{lang}" dir="{context["dir"]}"><head><meta charset="utf-8">'
		f"<title>{escape_html(context['texts'].get('title', ''))}</title>"
		"<style>@page { size: A4; margin: 20mm 18mm; } body { font-family: 'Noto Sans', 'Noto Sans Arabic', "
		"'Noto Sans Ethiopic', sans-serif; }</style>"
		f"</head><body>{body}</body></html>"
	)


def letter_pdf(signal) -> bytes:
	from weasyprint import HTML

	return HTML(string=letter_html(signal)).write_pdf()
