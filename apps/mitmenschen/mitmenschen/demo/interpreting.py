"""The demo's pool of language mediators (the households' languages, one partner's own pool), bookings
in every state, and one short written translation of an Arabic message — loaded by demo/loader.py.

Idempotent like the rest of the demo: mediators by full name, bookings by their place or call link,
the translation by its case. Past bookings are history as it stands (their search happened then):
they are stored without the lead-time rule and without mailing anyone.
"""

import frappe
from frappe.utils import add_days, nowdate

from mitmenschen.demo import data
from mitmenschen.interpreting import offers
from mitmenschen.interpreting.written import note_on_case

PLEDGE = "2026-01-20"
# (full name, [(language, dialect, level)], modes (in person, phone, video), written, districts' pool
#  partner or None, status, weekdays off)
MEDIATORS: list[tuple] = [
	("Samira Nassar", [("ar", "Syrisch", "Native"), ("de", None, "Fluent")], (1, 1, 0), 1, None, "Active", ()),
	("Omar Haddadin", [("ar", "Irakisch", "Native"), ("tr", None, "Good")], (0, 1, 1), 0, None, "Active", ("friday",)),
	("Parisa Rahimi", [("fa", None, "Native"), ("prs", None, "Fluent")], (1, 0, 1), 1, None, "Active", ()),
	("Ahmad Wardak", [("ps", None, "Native"), ("prs", None, "Native"), ("fa", None, "Good")], (1, 1, 0), 0, None, "Active", ()),
	("Dilan Barzani", [("ckb", "Sorani", "Native"), ("kmr", None, "Good"), ("ar", None, "Good")], (1, 0, 0), 0, None, "Active", ()),
	("Rojda Aydin", [("kmr", None, "Native"), ("tr", None, "Native")], (0, 1, 1), 1, None, "Active", ()),
	("Selam Tesfay", [("ti", None, "Native")], (1, 1, 0), 0, None, "Active", ("monday",)),
	("Oksana Hrytsenko", [("uk", None, "Native"), ("ru", None, "Fluent")], (1, 0, 1), 1, None, "Active", ()),
	("Dmitri Volkov", [("ru", None, "Native"), ("uk", None, "Good")], (0, 1, 0), 0, None, "Paused", ()),
	("Leyla Demir", [("tr", None, "Native"), ("kmr", None, "Basic")], (1, 1, 0), 0, "Brückenbau Bremerhaven e.V.", "Active", ()),
]

# (status, occasion, household, case subject or None, language, dialect, days from today, time, hours,
#  mode, place or call link, mediator, hours held, note)
BOOKINGS: list[tuple] = [
	("Confirmed", "Mediation Talk", "Al-Hamdan", "Erneut Lärm nach 22 Uhr aus der Wohnung über mir", "ar", "Syrisch", 9, "16:00", 1.5, "In Person", "Gemeinschaftsraum Hafenstraße 110", "Samira Nassar", None, None),
	("Offered", "House Rules Explanation", "Gebremedhin", None, "ti", None, 12, "10:00", 1, "In Person", "Wohnung Gebremedhin, Hausbesuch", "Selam Tesfay", None, None),
	("Held", "House Rules Explanation", "Haidari", None, "fa", None, -20, "11:00", 1.5, "In Person", "Büro der Genossenschaft, Raum 2", "Parisa Rahimi", 1.5, None),
	("Held", "Onboarding Step", "Ahmadi", None, "fa", None, -9, "09:30", 1, "Video", "https://video.genossenschaft.example/einzug", "Parisa Rahimi", 1.0, None),
	("No-show", "House Rules Explanation", "Rashid", None, "ckb", "Sorani", -6, "14:00", 1, "In Person", "Wohnung Rashid, Hausbesuch", "Dilan Barzani", None, None),
	("Cancelled", "Onboarding Step", "Kovalenko", None, "uk", None, 7, "13:00", 1, "Phone", "+49 471 555 0301", None, None, "Die Familie hat den Termin selbst mit einer Nachbarin geklärt."),
	("Unfilled", "House Rules Explanation", "Sultani", None, "ps", "Kandahari", 10, "10:30", 1, "In Person", "Wohnung Sultani, Hausbesuch", None, None, None),
	("Searching", "Round Table Meeting", None, None, "uk", None, 30, "17:00", 2, "In Person", "Rathaus Bremerhaven, Sitzungssaal", None, None, None),
]

ARABIC_MESSAGE = "أريد أن أحضر دورة اللغة الألمانية، لكنني أحتاج إلى رعاية لابنتي خلال الدورة."
GERMAN_TRANSLATION = "Ich möchte einen Deutschkurs besuchen, brauche aber während des Kurses eine Betreuung für meine Tochter."
TRANSLATED_CASE = "Anfrage Sprachkurs mit Kinderbetreuung"


def ensure_interpreting() -> None:
	ensure_mediators()
	for booking in BOOKINGS:
		ensure_booking(*booking)
	ensure_written_translation()


def mediator(full_name: str | None) -> str | None:
	return frappe.db.get_value("Language Mediator", {"full_name": full_name}) if full_name else None


def ensure_mediators() -> None:
	for number, (name, languages, (in_person, phone, video), written, pool, status, off) in enumerate(MEDIATORS):
		if mediator(name):
			continue
		partner = frappe.db.get_value("Partner Organisation", pool) if pool else None
		frappe.get_doc(
			{
				"doctype": "Language Mediator",
				"full_name": name,
				"email": data.demo_email(name),
				"phone": f"+49 471 555 0{200 + number}",
				"preferred_channel": "Email",
				"status": status,
				"partner_organisation": partner,
				"pledge_signed_on": PLEDGE,
				"languages": [{"language": code, "dialect": dialect, "level": level} for code, dialect, level in languages],
				"in_person": in_person,
				"by_phone": phone,
				"by_video": video,
				"offers_written_translation": written,
				**{day: 0 for day in off},
				"allowance_per_hour": 15,
				"allowance_per_assignment": 5,
				"allowance_rule": "15 € je angefangene Stunde, 5 € Fahrtpauschale je Einsatz",
			}
		).insert(ignore_permissions=True)


def ensure_booking(status, occasion, family, subject, language, dialect, days, time, hours, mode, where, by, held, note):
	in_person = mode == "In Person"
	key = {"place": where} if in_person else {"call_link": where}
	if frappe.db.exists("Interpreter Booking", key):
		return
	household = frappe.db.get_value("Refugee Household", {"family_name": family}) if family else None
	case = frappe.db.get_value("Mediation Case", {"subject": subject}) if subject else None
	step = (
		frappe.db.get_value("Mediation Case Step", {"parent": case, "action_type": "Book Interpreter"}) if case else None
	)
	person = mediator(by)
	doc = frappe.get_doc(
		{
			"doctype": "Interpreter Booking",
			"purpose_type": occasion,
			"status": status,
			"mediation_case": case,
			"case_step": step,
			"household": household,
			"interpreter_language": language,
			"dialect": dialect,
			"date": add_days(nowdate(), days),
			"start_time": f"{time}:00",
			"duration_hours": hours,
			"mode": mode,
			"place": where if in_person else None,
			"call_link": None if in_person else where,
			"clerk": data.CLERK,
			"clerk_phone": "+49 471 555 0100",
			"mediator": person if status in ("Confirmed", "Held", "No-show") else None,
			"offer_round": 1 if status != "Searching" else 0,
			"lead_working_days": 7,
			"hours_held": held,
			"hours_confirmed_by": data.CLERK if held else None,
			"cancellation_reason": note,
		}
	)
	if person:
		doc.append(
			"offers",
			{
				"mediator": person,
				"status": "Offered" if status == "Offered" else "Accepted",
				"round": 1,
				"sent_on": add_days(nowdate(), min(days, 0) - 8),
			},
		)
	if status == "Offered":
		doc.offer_deadline = add_days(nowdate(), 2)
	# history as it stands: no lead-time rule for past dates, no new search, no mail (offers count as sent)
	doc.flags.ignore_validate = True
	doc.insert(ignore_permissions=True)
	if status == "Confirmed" and step:
		offers.tick_step(doc, done=True)


def ensure_written_translation() -> None:
	case = frappe.db.get_value("Mediation Case", {"subject": TRANSLATED_CASE})
	if not case or frappe.db.exists("Written Translation", {"mediation_case": case}):
		return
	request = frappe.get_doc(
		{
			"doctype": "Written Translation",
			"mediation_case": case,
			"source_language": "ar",
			"target_language": "de",
			"source_text": ARABIC_MESSAGE,
			"translation": GERMAN_TRANSLATION,
			"mediator": mediator("Samira Nassar"),
			"clerk": data.CLERK,
			"status": "Translated",
			"translated_on": frappe.utils.now_datetime(),
		}
	).insert(ignore_permissions=True)
	note_on_case(request, frappe._("Translated by {0}").format("Samira Nassar"), GERMAN_TRANSLATION)
