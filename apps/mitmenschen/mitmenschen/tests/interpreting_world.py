"""Language mediators for the browser and HTTP tests (tests/test_language_mediators.py).

`bench --site <site> execute mitmenschen.tests.interpreting_world.build` makes a clerk with a password
and phone, a case with the playbook step "Book Interpreter" about a household that speaks Arabic, two
mediators of a dialect nobody else speaks, and points the outgoing mail at the SMTP sink on loopback;
commits and returns the names and every value of the case, its household and reporter (which the
mediator must never see). `build_offered` makes a booking already offered to two mediators and
returns their signed links (for two acceptances at the same moment).
"""

import frappe
from frappe.utils import add_days, getdate, nowdate, random_string
from frappe.utils.password import update_password

from mitmenschen.interpreting import links
from mitmenschen.tests.factories import make_case, make_category, make_household, make_staff_user, make_tenant
from mitmenschen.tests.mail import ensure_outgoing_account

PASSWORD = "Sprachmittlung-Test-2026!"
SMTP_PORT = 2671


def mediator(dialect: str, name: str) -> dict:
	doc = frappe.get_doc(
		{
			"doctype": "Language Mediator",
			"full_name": name,
			"email": f"{random_string(8).lower()}@mittler.example",
			"phone": "+49 421 555 0177",
			"pledge_signed_on": "2026-02-01",
			"languages": [{"language": "ar", "dialect": dialect, "level": "Native"}],
			"in_person": 1,
			"by_phone": 1,
			"offers_written_translation": 1,
		}
	).insert()
	return {"name": doc.name, "email": doc.email, "full_name": doc.full_name}


def appointment_day() -> str:
	"""A Wednesday three weeks ahead (well past the lead time, clear of holidays around New Year)."""
	day = getdate(add_days(nowdate(), 21))
	while day.weekday() != 2 or (day.month == 12 and day.day > 20) or (day.month == 1 and day.day < 8):
		day = getdate(add_days(day, 1))
	return str(day)


def clerk() -> str:
	user = make_staff_user("Mit:Menschen Clerk")
	frappe.db.set_value("User", user, {"first_name": "Clara", "last_name": "Sprachbüro", "phone": "+49 421 555 0142"})
	update_password(user, PASSWORD)
	return user


def settings() -> None:
	values = {"lead_time_days": 5, "answer_hours": 48, "offers_per_round": 5}
	for field, value in values.items():
		frappe.db.set_single_value("Interpreting Settings", field, value)


def build() -> dict:
	frappe.set_user("Administrator")
	ensure_outgoing_account(SMTP_PORT, "sprachmittlung@genossenschaft.example")
	settings()
	user = clerk()
	tag = random_string(5)
	dialect = f"Syrisch-{tag}"
	mediators = [mediator(dialect, f"Samira Mittler {tag}"), mediator(dialect, f"Karim Mittler {tag}")]
	tenant = make_tenant(f"Herr Beschwerde {tag}")
	family_email = f"familie-{tag.lower()}@familie.example"
	family_tenant = make_tenant(f"Familie Haddad {tag}")
	frappe.db.set_value("Customer", family_tenant.name, "email_id", family_email)
	household = make_household(
		family_name=f"Haddad {tag}",
		interpreter_language="ar",
		interpreter_needed=1,
		tenant_doctype="Customer",
		tenant=family_tenant.name,
		members=[{"member_name": f"Yusuf Haddad {tag}", "relation": "Child", "birth_year": 2016}],
		confidential_notes=f"<p>Vertrauliche Notiz {tag}</p>",
	)
	category = make_category(
		f"Lärm {tag}",
		playbook=[{"step": "Dolmetschung für das Gespräch buchen", "action_type": "Book Interpreter", "days_after": 5}],
	)
	case = make_case(
		category=category.name,
		subject=f"Laute Musik nachts im dritten Stock {tag}",
		description=f"<p>Seit Wochen Musik bis zwei Uhr nachts, Nachbar beschwert sich {tag}</p>",
		respondent_household=household.name,
		interpreter_language="ar",
		tenant_doctype="Customer",
		reporter_tenant=tenant.name,
		reporter_name=f"Bernd Beschwerde {tag}",
		reporter_email=f"bernd-{tag.lower()}@mieter.example",
		reporter_phone="+49 421 555 0999",
	)
	step = next(r.name for r in case.playbook_steps if r.action_type == "Book Interpreter")
	frappe.db.commit()
	return {
		"clerk": user,
		"password": PASSWORD,
		"case": case.name,
		"step": step,
		"dialect": dialect,
		"date": appointment_day(),
		"mediators": mediators,
		"household": household.name,
		"family_email": family_email,
		"secrets": secrets(case.name, household.name, tenant.name),
	}


def secrets(case_name: str, household_name: str, tenant: str) -> list[str]:
	"""Every text value of the case, its household (with members) and its reporter: none may reach a
	mediator (dates, numbers, flags and link targets that are the same for any case are left out)."""
	values = set()
	for doc in (frappe.get_doc("Mediation Case", case_name), frappe.get_doc("Refugee Household", household_name), frappe.get_doc("Customer", tenant)):
		for row in [doc, *[r for table in doc.meta.get_table_fields() for r in doc.get(table.fieldname) or []]]:
			for field in row.meta.fields:
				value = row.get(field.fieldname)
				if field.fieldtype in ("Data", "Small Text", "Text", "Text Editor", "Long Text", "Link", "Dynamic Link") and isinstance(value, str):
					text = frappe.utils.strip_html(value).strip()
					if len(text) >= 6 and text not in GENERIC:
						values.add(text)
		values.add(doc.name)
	return sorted(values)


# values every case or household of a site shares (doctype names, defaults, common codes): not secrets
GENERIC = {"Customer", "Location", "Individual", "Mediation Case", "Refugee Household", "Administrator", "Mit:Menschen"}


def build_offered() -> dict:
	"""A booking offered to two mediators at once, with both signed links."""
	world = build()
	booking = frappe.get_doc(
		{
			"doctype": "Interpreter Booking",
			"purpose_type": "Mediation Talk",
			"mediation_case": world["case"],
			"interpreter_language": "ar",
			"dialect": world["dialect"],
			"date": world["date"],
			"start_time": "10:00:00",
			"duration_hours": 1,
			"mode": "Phone",
			"call_link": "+49 421 555 0142",
			"clerk": world["clerk"],
		}
	).insert()
	frappe.db.commit()
	world["booking"] = booking.name
	world["links"] = [
		{"offer": row.name, "mediator": row.mediator, "sig": links.signature(links.OFFER, row.name, row.mediator)}
		for row in booking.offers
	]
	return world


def isolation_world() -> dict:
	"""Partners A and B with portal users, a tenant (isolation_world), a mediator in each partner's pool
	and a booking offered to them: who may reach which mediator, booking and link
	(tests/test_partner_isolation.py). Sends nothing (no outgoing account is needed)."""
	from mitmenschen.tests import isolation_world as partners

	world = partners.build()
	settings()
	user = clerk()
	tag = random_string(5)
	dialect = f"Irakisch-{tag}"
	for label in ("A", "B"):
		doc = frappe.get_doc(
			{
				"doctype": "Language Mediator",
				"full_name": f"Mittlerin {label} {tag}",
				"email": f"mittlerin-{label.lower()}-{tag.lower()}@pool.example",
				"phone": "+49 421 555 0166",
				"partner_organisation": world[label]["organisation"],
				"pledge_signed_on": "2026-03-01",
				"languages": [{"language": "ar", "dialect": dialect, "level": "Fluent"}],
				"by_phone": 1,
			}
		).insert()
		world[label]["mediator"], world[label]["mediator_name"] = doc.name, doc.full_name
	booking = frappe.get_doc(
		{
			"doctype": "Interpreter Booking",
			"purpose_type": "House Rules Explanation",
			"household": world["B"]["household"],
			"interpreter_language": "ar",
			"dialect": dialect,
			"date": appointment_day(),
			"start_time": "15:00:00",
			"duration_hours": 1,
			"mode": "Phone",
			"call_link": "+49 421 555 0188",
			"clerk": user,
		}
	).insert()
	translation = frappe.get_doc(
		{
			"doctype": "Written Translation",
			"mediation_case": world["B"]["case"],
			"source_language": "ar",
			"target_language": "de",
			"source_text": f"نص سري للترجمة {tag}",
			"mediator": world["B"]["mediator"],
			"status": "Requested",
		}
	).insert()
	world["translation"] = {
		"name": translation.name,
		"sig": links.signature(links.TRANSLATION, translation.name, world["B"]["mediator"]),
		"text": translation.source_text,
	}
	frappe.db.commit()
	offer = booking.offers[0]
	world["booking"] = {
		"name": booking.name,
		"offer": offer.name,
		"sig": links.signature(links.OFFER, offer.name, offer.mediator),
		"dialect": dialect,
		"call_link": "+49 421 555 0188",
	}
	return world


def audit_records(organisation: str) -> tuple[str, str]:
	"""A mediator of `organisation`'s pool and a staff booking, for the route audit's pairs."""
	mediator = frappe.get_doc(
		{
			"doctype": "Language Mediator",
			"full_name": f"Prüfmittlerin {random_string(5)}",
			"email": f"{random_string(8).lower()}@pool.example",
			"partner_organisation": organisation,
			"pledge_signed_on": "2026-03-01",
			"languages": [{"language": "fa", "level": "Native"}],
			"by_phone": 1,
		}
	).insert()
	booking = frappe.get_doc(
		{
			"doctype": "Interpreter Booking",
			"purpose_type": "Round Table Meeting",
			"interpreter_language": "fa",
			"date": appointment_day(),
			"start_time": "11:00:00",
			"duration_hours": 1,
			"mode": "Video",
			"call_link": "https://video.example/raum",
		}
	).insert()
	return mediator.name, booking.name
