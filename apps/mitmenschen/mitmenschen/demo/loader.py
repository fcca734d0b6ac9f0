"""Demo data for the demo site: a German cooperative with households, partners, cases, meetings.

`bench --site mitmenschen.localhost execute mitmenschen.demo.loader.load`

Idempotent: every record is looked up by its natural key (name, full name, family name, case subject,
title) before it is created, so a second run creates nothing. Records go through their controllers
(`insert()` / `save()`), so the demo data passes the same validation as data entered in the desk.
The data itself lives in `demo/data.py`.
"""

from contextlib import contextmanager
from datetime import date, datetime

import frappe
from frappe import _
from frappe.utils import add_days, add_to_date, getdate, now_datetime, nowdate
from frappe.utils.password import update_password

from mitmenschen.demo import data
from mitmenschen.demo.interpreting import ensure_interpreting
from mitmenschen.early_signals import offers as signal_offers
from mitmenschen.early_signals.findings import ARREARS
from mitmenschen.early_signals.sweep import sweep
from mitmenschen.erp.records import get_property_doctype, get_tenant_doctype
from mitmenschen.erp.rent import make_rent_invoice, pay
from mitmenschen.households.onboarding import MOVED_IN, ensure_plan, plan_of
from mitmenschen.mediation.sla import restamp_working_hours
from mitmenschen.workflows.definitions import insert_in_state


def load(commit: bool = True) -> None:
	"""Load the demo cooperative; `commit=False` leaves the transaction to the caller (tests).

	In the site's language: what the records write on their timelines (an onboarding plan made, an
	assignment) is stored as text, so a run in English would leave English lines on a German desk."""
	previous, frappe.local.lang = frappe.local.lang, frappe.db.get_default("lang") or "de"
	try:
		load_all()
	finally:
		frappe.local.lang = previous
	if commit:
		frappe.db.commit()


def load_all() -> None:
	ensure_cooperative()
	ensure_staff()
	ensure_languages()
	ensure_property_tree()
	ensure_tenants()
	ensure_service_types()
	ensure_categories()
	ensure_partners()
	ensure_households()
	ensure_cases()
	ensure_meetings_and_actions()
	ensure_interpreting()  # language mediators, bookings, a written translation (demo/interpreting.py)
	ensure_rent_and_early_signals()
	ensure_portal_users()


# ---------------------------------------------------------------- helpers


def days_ago(days: int) -> date:
	return getdate(add_days(nowdate(), -days))


def at(day: date, hour: int, minute: int = 0) -> datetime:
	return datetime.combine(day, datetime.min.time()).replace(hour=hour, minute=minute)


def insert(doctype: str, values: dict):
	"""Records under a workflow are seeded into their state: the demo invents their history."""
	return insert_in_state({"doctype": doctype, **values})


def find(doctype: str, filters: dict | str) -> str | None:
	return frappe.db.get_value(doctype, filters, "name")


def contact(full_name: str | None) -> str | None:
	"""The Partner Contact with this full name (full names are unique within the demo)."""
	return find("Partner Contact", {"full_name": full_name}) if full_name else None


def household(family_name: str | None) -> str | None:
	return find("Refugee Household", {"family_name": family_name}) if family_name else None


def spoken(codes: list[str]) -> list[dict]:
	return [{"language": code} for code in codes]


def offered(services: list[str]) -> list[dict]:
	return [{"service_type": service} for service in services]


def flat_name(building: str, flat: str) -> str:
	return f"{building}, {flat}"


# ---------------------------------------------------------------- users, languages, ERP masters


def ensure_staff() -> None:
	for person in data.STAFF:
		if frappe.db.exists("User", person["email"]):
			ensure_demo_password(person["email"])  # demo sites from before staff had one
			continue
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": person["email"],
				"first_name": person["first_name"],
				"last_name": person["last_name"],
				"language": "de",
				"send_welcome_email": 0,
			}
		)
		user.flags.no_welcome_mail = True
		user.insert()
		if frappe.db.exists("Role", person["role"]):
			user.add_roles(person["role"])
		update_password(person["email"], data.DEMO_PASSWORD)


def ensure_demo_password(user: str) -> None:
	"""The demo password for a user who has none; a password changed since stays."""
	auth = frappe.qb.Table("__Auth")
	has_password = (
		frappe.qb.from_(auth)
		.select(auth.name)
		.where((auth.doctype == "User") & (auth.name == user) & (auth.fieldname == "password"))
		.run()
	)
	if not has_password:
		update_password(user, data.DEMO_PASSWORD)


def ensure_languages() -> None:
	for code, language_name in data.LANGUAGES.items():
		if not frappe.db.exists("Language", code):
			insert("Language", {"language_code": code, "language_name": language_name, "enabled": 1})


def ensure_property_tree() -> None:
	"""District → building → flat in ERPNext's Location tree."""
	for district, buildings in data.PROPERTY.items():
		ensure_location(district, parent=None, is_group=1)
		for building, flats in buildings.items():
			ensure_location(building, parent=district, is_group=1)
			for flat in flats:
				ensure_location(flat_name(building, flat), parent=building, is_group=0)


def ensure_location(name: str, parent: str | None, is_group: int) -> None:
	if not frappe.db.exists("Location", name):
		insert("Location", {"location_name": name, "parent_location": parent, "is_group": is_group})


def ensure_tenants() -> None:
	customer_group = default_customer_group()
	territory = default_territory()
	for customer_name in data.TENANTS:
		if find("Customer", {"customer_name": customer_name}):
			continue
		insert(
			"Customer",
			{
				"customer_name": customer_name,
				"customer_type": "Individual",
				"customer_group": customer_group,
				"territory": territory,
			},
		)


def default_customer_group() -> str:
	"""The site's default group, else its (translated) "Individual" group, else the root group."""
	candidates = [
		frappe.db.get_single_value("Selling Settings", "customer_group"),
		_("Individual", lang=frappe.db.get_default("lang")),  # the setup wizard created it translated
		"Individual",
	]
	return first_existing("Customer Group", candidates) or root_of("Customer Group", "parent_customer_group")


def default_territory() -> str:
	candidates = [
		frappe.db.get_single_value("Selling Settings", "territory"),
		frappe.db.get_default("country"),
	]
	return first_existing("Territory", candidates) or root_of("Territory", "parent_territory")


def first_existing(doctype: str, names: list[str | None]) -> str | None:
	return next((name for name in names if name and frappe.db.exists(doctype, name)), None)


def root_of(doctype: str, parent_field: str) -> str:
	return frappe.db.get_value(doctype, {parent_field: ("is", "not set"), "is_group": 1}, "name")


# ---------------------------------------------------------------- our masters


def ensure_service_types() -> None:
	for service_name, description in data.SERVICE_TYPES.items():
		if not frappe.db.exists("Service Type", service_name):
			insert("Service Type", {"service_name": service_name, "description": description})


def ensure_categories() -> None:
	for category in data.CATEGORIES:
		if frappe.db.exists("Case Category", category["category_name"]):
			continue
		insert(
			"Case Category",
			{
				"category_name": category["category_name"],
				"pictogram": category.get("pictogram"),
				"default_priority": category["default_priority"],
				"description": category["description"],
				"service_types": offered(category["services"]),
				"playbook": [
					{"step": step, "action_type": action_type, "days_after": days}
					for step, action_type, days in category["playbook"]
				],
			},
		)


# ---------------------------------------------------------------- partners


def ensure_partners() -> None:
	"""Organisation first, then its contacts, then deputies and the hot-line matrix that point at them."""
	for partner in data.PARTNERS:
		organisation = ensure_organisation(partner)
		for full_name, function, languages, is_hotline, _deputy in partner["contacts"]:
			ensure_contact(organisation, full_name, function, languages, is_hotline)
		for full_name, _function, _languages, _is_hotline, deputy in partner["contacts"]:
			set_deputy(full_name, deputy)
		set_hotline_matrix(organisation, partner["hotline"])


def ensure_organisation(partner: dict) -> str:
	name = partner["organisation_name"]
	if frappe.db.exists("Partner Organisation", name):
		return name
	fields = ("organisation_type", "status", "description", "website", "hotline_phone", "hotline_email")
	return insert(
		"Partner Organisation",
		{
			"organisation_name": name,
			**{field: partner.get(field) for field in fields},
			"portal_enabled": partner.get("portal_enabled", 0),
			"services": offered(partner["services"]),
			"languages": spoken(partner["languages"]),
			"districts": [
				{"property_doctype": get_property_doctype(), "district": district}
				for district in partner["districts"]
			],
		},
	).name


def ensure_contact(
	organisation: str, full_name: str, function: str, languages: list[str], is_hotline: int
) -> None:
	if find("Partner Contact", {"full_name": full_name, "partner_organisation": organisation}):
		return
	insert(
		"Partner Contact",
		{
			"full_name": full_name,
			"partner_organisation": organisation,
			"function": function,
			"email": data.demo_email(full_name),
			"phone": demo_phone(full_name),
			"is_hotline": is_hotline,
			"languages": spoken(languages),
		},
	)


def set_deputy(full_name: str, deputy: str | None) -> None:
	"""Deputies are set in a second pass: two contacts may deputise for each other."""
	if not deputy:
		return
	doc = frappe.get_doc("Partner Contact", contact(full_name))
	if not doc.deputy:
		doc.deputy = contact(deputy)
		doc.save()


def set_hotline_matrix(organisation: str, rows: list[tuple]) -> None:
	doc = frappe.get_doc("Partner Organisation", organisation)
	if doc.hotline_assignments or not rows:
		return
	for category, district, responsible, deputy in rows:
		doc.append(
			"hotline_assignments",
			{
				"case_category": category,
				"property_doctype": get_property_doctype(),
				"district": district,
				"contact": contact(responsible),
				"deputy": contact(deputy),
			},
		)
	doc.save()


def demo_phone(full_name: str) -> str:
	"""A stable, invented Bremerhaven number in the 555 range reserved for fiction."""
	return f"+49 471 555{sum(map(ord, full_name)) % 10000:04d}"


# ---------------------------------------------------------------- the cooperative


def ensure_cooperative() -> None:
	"""Name, help line and public address for letters and the portal, where the settings have none."""
	for field, value in data.COOPERATIVE.items():
		if not frappe.db.get_single_value("Mitmenschen Settings", field):
			frappe.db.set_single_value("Mitmenschen Settings", field, value)
	frappe.clear_document_cache("Mitmenschen Settings", "Mitmenschen Settings")


# ---------------------------------------------------------------- households


def ensure_households() -> None:
	for family in data.HOUSEHOLDS:
		if household(family["family_name"]):
			continue
		insert("Refugee Household", household_values(family))
	# Seeded into *Moved In* without the workflow step that makes the onboarding plan: made here.
	moved_in = frappe.get_all(
		"Refugee Household",
		filters={
			"family_name": ("in", [family["family_name"] for family in data.HOUSEHOLDS]),
			"status": MOVED_IN,
		},
		pluck="name",
	)
	for name in moved_in:
		is_new = not plan_of(name)
		doc = frappe.get_doc("Refugee Household", name)
		ensure_plan(doc)
		if is_new:
			settle_onboarding(doc)


def settle_onboarding(household) -> None:
	"""What happened since the move-in: the steps due by today were done on their day by the clerk,
	except those the data names as still open (the house-rules step ticked itself from the explanation)."""
	family = next(f for f in data.HOUSEHOLDS if f["family_name"] == household.family_name)
	still_open = set(family.get("onboarding_open", ()))
	plan = frappe.get_doc("Onboarding Plan", {"household": household.name})
	for step in plan.steps:
		if step.status == "Open" and step.step not in still_open and getdate(step.due_date) <= getdate(nowdate()):
			step.update({"status": "Done", "done_by": data.CLERK, "done_on": step.due_date})
	plan.save()


def household_values(family: dict) -> dict:
	this_year = getdate(nowdate()).year
	values = {
		"family_name": family["family_name"],
		"status": family["status"],
		"country_of_origin": family["country"],
		"languages": spoken(family["languages"]),
		"interpreter_needed": 1 if family["interpreter"] else 0,
		"interpreter_language": family["interpreter"],
		"arrival_date": days_ago(family["arrived"]),
		"move_in_date": days_ago(family["moved_in"]) if family["moved_in"] is not None else None,
		"move_out_date": days_ago(family["moved_out"]) if family.get("moved_out") else None,
		"tenant_doctype": get_tenant_doctype(),
		"tenant": find("Customer", {"customer_name": family["tenant"]}) if family["tenant"] else None,
		"property_doctype": get_property_doctype(),
		"property_unit": family["flat"],
		"city_caseworker": contact(family["caseworker"]),
		"volunteer_buddy": contact(family["buddy"]),
		"members": [
			{
				"member_name": name,
				"relation": relation,
				"birth_year": this_year - age,
				"occupation_status": occupation,
				"languages": languages,
			}
			for name, relation, age, occupation, languages in family["members"]
		],
		"consents": [
			{
				"purpose": purpose,
				"partner_organisation": organisation,
				"given_on": days_ago(given),
				"withdrawn_on": days_ago(withdrawn) if withdrawn else None,
				"recorded_by": data.CLERK,
			}
			for purpose, organisation, given, withdrawn in family["consents"]
		],
	}
	if family["house_rules"]:
		explained, language, interpreter_used = family["house_rules"]
		values["house_rules_explanations"] = [
			{
				"explained_on": days_ago(explained),
				"language": language,
				"explained_by": data.CLERK,
				"interpreter_used": interpreter_used,
			}
		]
	return values


# ---------------------------------------------------------------- mediation cases


def ensure_cases() -> None:
	"""Oldest first, so that the controller links a recurring problem to the earlier case."""
	for case in sorted(data.CASES, key=lambda case: -case["opened"]):
		if find("Mediation Case", {"subject": case["subject"]}):
			continue
		doc = insert("Mediation Case", case_values(case))
		answer_referral(doc, case)


def case_values(case: dict) -> dict:
	opened_on = opened_at(case)
	values = {
		"subject": case["subject"],
		"category": case["category"],
		"priority": case.get("priority") or category_priority(case["category"]),
		"status": case["status"],
		"channel": case["channel"],
		"opened_on": opened_on,
		"assigned_to": None if case["status"] == "New" else data.CLERK,
		"description": case["description"],
		"property_doctype": get_property_doctype(),
		"property_unit": case["flat"],
		"respondent_household": household(case.get("household")),
		"interpreter_language": case.get("interpreter"),
		"referred_to": case["referral"][0] if case.get("referral") else None,
		"escalation_level": case.get("escalation", 0),
		"sla_status": case.get("sla_status"),
		"first_responded_on": add_to_date(opened_on, hours=3) if case["status"] != "New" else None,
		"follow_up_date": add_days(nowdate(), -case["follow_up"]) if case.get("follow_up") else None,
		**reporter_values(case["reporter"]),
	}
	if case.get("resolution"):
		values |= {"resolution": case["resolution"], "resolution_proposed_by": data.CLERK}
	if case.get("resolved"):  # closed once: approved by the manager, rated by the reporter
		resolved_on = add_to_date(opened_on, days=case["resolved"])
		values |= {
			"resolved_on": resolved_on,
			"resolution_approved_by": data.MANAGER,
			"resolution_approved_on": resolved_on,
			"reporter_satisfaction": case.get("satisfaction"),
		}
	return values


def category_priority(category: str) -> str:
	"""The category's default, set explicitly: a Select field is never empty on a new document."""
	return frappe.db.get_value("Case Category", category, "default_priority")


def opened_at(case: dict) -> datetime:
	"""Office hours on the day it came in; today's cases a little earlier than now."""
	if case["opened"] == 0:
		return add_to_date(now_datetime(), minutes=-90)
	return at(days_ago(case["opened"]), hour=8 + len(case["subject"]) % 9, minute=len(case["subject"]) % 60)


def reporter_values(reporter: str | dict) -> dict:
	if isinstance(reporter, dict):
		return reporter
	return {
		"tenant_doctype": get_tenant_doctype(),
		"reporter_tenant": find("Customer", {"customer_name": reporter}),
	}


def answer_referral(doc, case: dict) -> None:
	"""A referral starts as Requested (the controller sets it); the partner's answer comes later."""
	if not case.get("referral"):
		return
	status = case["referral"][1]
	if status != "Requested":
		doc.referral_status = status
		doc.referral_decline_reason = case.get("decline_reason")
		doc.save()
	requested_on = add_to_date(doc.opened_on, hours=4)
	doc.db_set(
		{
			"referral_requested_on": requested_on,
			"referral_responded_on": add_to_date(requested_on, days=1) if status != "Requested" else None,
		},
		update_modified=False,
	)
	restamp_working_hours([doc.name])  # the answer time in working hours, as the controller keeps it


# ---------------------------------------------------------------- portal logins


def ensure_portal_users() -> None:
	"""A portal login for the first contact of each portal-enabled partner, and one for a tenant."""
	for partner in data.PARTNERS:
		if not partner.get("portal_enabled"):
			continue
		doc = frappe.get_doc("Partner Contact", contact(partner["contacts"][0][0]))
		if not doc.user:
			doc.user = ensure_portal_user(doc.email, doc.full_name, "Partner User", "de")
			doc.save()
	tenant = data.TENANT_PORTAL_USER
	customer = frappe.get_doc(
		get_tenant_doctype(), find(get_tenant_doctype(), {"customer_name": tenant["tenant"]})
	)
	if not any(row.user == tenant["email"] for row in customer.get("portal_users") or []):
		customer.append(
			"portal_users",
			{"user": ensure_portal_user(tenant["email"], tenant["tenant"], "Customer", tenant["language"])},
		)
		customer.save()


def ensure_portal_user(email: str, full_name: str, role: str, language: str) -> str:
	if not frappe.db.exists("User", email):
		first_name, _, last_name = full_name.partition(" ")
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first_name,
				"last_name": last_name,
				"language": language,
				"send_welcome_email": 0,
				"roles": [{"role": role}],
			}
		)
		user.flags.no_welcome_mail = True
		user.insert()
		update_password(email, data.DEMO_PASSWORD)
	return email


# ---------------------------------------------------------------- round table


def ensure_meetings_and_actions() -> None:
	"""Actions come out of the held meeting; the next meeting's agenda points at them."""
	held, planned, *others = data.MEETINGS
	ensure_meeting(held)
	for action in data.ACTIONS:
		ensure_action(action)
	ensure_meeting(planned)
	for meeting in others:  # e.g. minutes waiting for a manager's approval
		ensure_meeting(meeting)


def ensure_meeting(meeting: dict) -> None:
	if find("Round Table Meeting", {"title": meeting["title"]}):
		return
	if meeting.get("after"):
		day = getdate(
			frappe.db.get_value("Round Table Meeting", {"title": meeting["after"]}, "next_meeting_on")
		)
	else:
		day = days_ago(meeting["starts"])
	insert(
		"Round Table Meeting",
		{
			"title": meeting["title"],
			"status": meeting["status"],
			"chair": data.MANAGER,
			"starts_on": at(day, 17),
			"ends_on": at(day, 19, 30),
			"location": meeting["location"],
			"attendees": [
				{
					"partner_organisation": organisation,
					"contact": contact(person),
					"rsvp": rsvp,
					"attended": attended,
				}
				for organisation, person, rsvp, attended in meeting["attendees"]
			]
			+ [
				{"user": user, "rsvp": rsvp, "attended": attended}
				for user, rsvp, attended in meeting["staff"]
			],
			"agenda": [
				{
					"topic": topic,
					"source": source,
					"mediation_case": find("Mediation Case", {"subject": case}) if case else None,
					"round_table_action": find("Round Table Action", {"title": action}) if action else None,
					"notes": notes,
				}
				for topic, source, case, action, notes in meeting["agenda"]
			],
			"minutes": meeting.get("minutes"),
			"decisions": meeting.get("decisions"),
		},
	)


def ensure_action(action: dict) -> None:
	if find("Round Table Action", {"title": action["title"]}):
		return
	owner = action["owner"]
	is_user = "@" in owner
	insert(
		"Round Table Action",
		{
			"title": action["title"],
			"status": action["status"],
			"due_date": add_days(nowdate(), action["due"]),
			"owner_user": owner if is_user else None,
			"owner_contact": None if is_user else contact(owner),
			"meeting": find("Round Table Meeting", {"title": action["meeting"]}),
			"mediation_case": find("Mediation Case", {"subject": action["case"]})
			if action.get("case")
			else None,
			"details": action.get("details"),
		},
	)


# ---------------------------------------------------------------- rent in the ERP, early signals


RENT_DUE_DAYS_AGO = (95, 65, 35)


def ensure_rent_and_early_signals() -> None:
	"""Rent invoices for the demo tenants, the arrears signal switched on with its purpose, the signals
	swept; the helped household's arrears offered support and paid, a talk offered to another."""
	ensure_rent()
	settings = frappe.get_doc("Mitmenschen Settings")
	if not settings.arrears_signal_enabled:
		settings.arrears_signal_enabled = 1
		settings.arrears_purpose = settings.arrears_purpose or data.ARREARS_PURPOSE
		settings.save()
	sweep()
	family, partner, need = data.HELPED_HOUSEHOLD
	helped = open_arrears_signal(family)
	if helped:
		with as_user(data.CLERK):
			offer = signal_offers.offer_referral(helped, partner, need)
			signal_offers.record_answer(helped, offer["name"], 1)
		tenant = frappe.db.get_value("Refugee Household", household(family), "tenant")
		for invoice in frappe.get_all(
			"Sales Invoice",
			filters={"customer": tenant, "docstatus": 1, "outstanding_amount": (">", 0)},
			pluck="name",
		):
			pay(invoice)
		sweep()
	talk = open_arrears_signal(data.TALK_OFFERED_TO)
	if talk and not frappe.db.get_value("Early Signal", talk, "first_offered_on"):
		with as_user(data.CLERK):
			signal_offers.offer_talk(talk)


def ensure_rent() -> None:
	for tenant, (rent, open_months) in data.RENT.items():
		customer = find("Customer", {"customer_name": tenant})
		if not customer or frappe.db.exists("Sales Invoice", {"customer": customer, "docstatus": 1}):
			continue
		for index, due in enumerate(RENT_DUE_DAYS_AGO):
			invoice = make_rent_invoice(customer, rent, days_ago(due + 5), days_ago(due))
			if index < len(RENT_DUE_DAYS_AGO) - open_months:
				pay(invoice.name, posting_date=days_ago(due - 2))


def open_arrears_signal(family_name: str) -> str | None:
	"""The family's open arrears signal that no clerk has acted on yet."""
	name = household(family_name)
	return (
		frappe.db.get_value(
			"Early Signal",
			{"household": name, "kind": ARREARS, "status": "Open", "first_offered_on": ("is", "not set")},
			"name",
		)
		if name
		else None
	)


@contextmanager
def as_user(user: str):
	"""Act as a demo user for a moment (offers record who made them)."""
	previous = frappe.session.user
	frappe.set_user(user)
	try:
		yield
	finally:
		frappe.set_user(previous)
