"""Two partner organisations with everything a partner could try to reach, for isolation tests.

`bench --site <site> execute mitmenschen.tests.isolation_world.build` creates a fresh world (names
carry a random suffix, so runs never collide), commits it and returns the names as a dict: for each
organisation "A" and "B" its user and password, its case (with a confidential reporter, a private
attachment, a comment, an email and versions), its action, a meeting only it is invited to, its
contact and its household, and a referral of that household (for a child's Kita place) to it; plus a
staff-only case referred to nobody.
"""

import frappe
from frappe.utils import add_days, nowdate, random_string
from frappe.utils.password import update_password

from mitmenschen.access.identity import PARTNER_ROLE
from mitmenschen.households.consent import REFERRAL, SHARE_DETAILS
from mitmenschen.tests.factories import (
	make_action,
	make_category,
	make_contact,
	make_meeting,
	make_partner,
)

PASSWORD = "Isolation-Test-2026!"


def make_partner_user(email: str, full_name: str) -> str:
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": full_name,
			"user_type": "Website User",
			"send_welcome_email": 0,
			"language": "de",
			"roles": [{"role": PARTNER_ROLE}],
		}
	).insert(ignore_permissions=True)
	update_password(user.name, PASSWORD)
	return user.name


def build_organisation(label: str, suffix: str, category: str) -> dict:
	organisation = make_partner(
		f"Isolation {label} {suffix}",
		status="Active",
		portal_enabled=1,
		hotline_email=f"hotline-{label.lower()}-{suffix}@isolation.example",
	)
	user = make_partner_user(f"partner-{label.lower()}-{suffix}@isolation.example", f"Partner {label}")
	contact = make_contact(organisation.name, user=user, email=user, active=1)
	household = frappe.get_doc(
		{
			"doctype": "Refugee Household",
			"family_name": f"Familie Geheim {label} {suffix}",
			"confidential_notes": f"Fluchtgeschichte {label} {suffix}",
			"members": [{"member_name": f"Kind {label} {suffix}", "relation": "Child", "birth_year": 2016}],
			"consents": [
				{
					"purpose": purpose,
					"partner_organisation": organisation.name,
					"given_on": add_days(nowdate(), -10),
				}
				for purpose in (REFERRAL, SHARE_DETAILS)
			],
		}
	).insert()
	case = frappe.get_doc(
		{
			"doctype": "Mediation Case",
			"subject": f"Lärm im Treppenhaus {label} {suffix}",
			"category": category,
			"description": f"Beschreibung des Falls {label} {suffix}",
			"respondent_household": household.name,
			"reporter_name": f"Vertrauliche Nachbarin {label} {suffix}",
			"reporter_email": f"nachbarin-{label.lower()}-{suffix}@example.org",
			"reporter_phone": "+49 421 555 0100",
			"referred_to": organisation.name,
		}
	).insert()
	case.description = f"Beschreibung ergänzt {label} {suffix}"  # a second version
	case.save()
	attachment = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"protokoll-{label.lower()}-{suffix}.txt",
			"is_private": 1,
			"content": f"Vertrauliches Protokoll {label} {suffix}".encode(),
			"attached_to_doctype": "Mediation Case",
			"attached_to_name": case.name,
		}
	).insert()
	comment = case.add_comment("Comment", f"Interne Notiz {label} {suffix}")
	communication = frappe.get_doc(
		{
			"doctype": "Communication",
			"communication_type": "Communication",
			"communication_medium": "Email",
			"sent_or_received": "Received",
			"sender": case.reporter_email,
			"subject": f"Beschwerde {label} {suffix}",
			"content": f"Mail der Nachbarin {label} {suffix}",
			"reference_doctype": "Mediation Case",
			"reference_name": case.name,
		}
	).insert(ignore_permissions=True)
	action = make_action(organisation.name, contact.name, title=f"Hausordnung übersetzen {label} {suffix}")
	meeting = make_meeting(organisation.name, contact.name, title=f"Runder Tisch {label} {suffix}")
	household_referral = frappe.get_doc(
		{
			"doctype": "Household Referral",
			"household": household.name,
			"partner_organisation": organisation.name,
			"need": "Kindergarten Place",
			"referred_member": f"Kind {label} {suffix}",
		}
	).insert()
	# an early signal about the household: staff only, whatever the consents say
	early_signal = frappe.get_doc(
		{
			"doctype": "Early Signal",
			"household": household.name,
			"kind": "Rent Arrears",
			"since": add_days(nowdate(), -40),
			"cause": f"Mietrückstand {label} {suffix}",
			"arrears_band": "One to two months' rent",
			"age_days": 40,
		}
	).insert(ignore_permissions=True)
	return {
		"organisation": organisation.name,
		"hotline_email": organisation.hotline_email,
		"user": user,
		"password": PASSWORD,
		"contact": contact.name,
		"household": household.name,
		"family_name": household.family_name,
		"case": case.name,
		"case_subject": case.subject,
		"description": case.description,
		"reporter_name": case.reporter_name,
		"reporter_email": case.reporter_email,
		"file": attachment.name,
		"file_url": attachment.file_url,
		"comment": comment.name,
		"communication": communication.name,
		"action": action.name,
		"action_title": action.title,
		"meeting": meeting.name,
		"meeting_title": meeting.title,
		"household_referral": household_referral.name,
		"referred_member": household_referral.referred_member,
		"early_signal": early_signal.name,
		"early_signal_cause": early_signal.cause,
	}


def build_tenant(suffix: str, category: str) -> dict:
	"""A tenant with a portal login (ERPNext Customer role) and a report of their own."""
	from mitmenschen.tests.portal_world import make_tenant_user

	tenant = make_tenant_user(f"mieter-{suffix.lower()}@isolation.example", f"Mieter {suffix}")
	update_password(tenant["user"], PASSWORD)
	report = frappe.get_doc(
		{
			"doctype": "Mediation Case",
			"subject": f"Eigene Meldung der Mieterin {suffix}",
			"category": category,
			"channel": "Portal",
			"reporter_tenant": tenant["tenant"],
			"reporter_email": tenant["user"],
		}
	).insert()
	return {**tenant, "password": PASSWORD, "case": report.name, "case_subject": report.subject}


def build() -> dict:
	suffix = random_string(6)
	category = make_category(f"Isolation {suffix}").name
	world = {label: build_organisation(label, suffix, category) for label in ("A", "B")}
	staff_case = frappe.get_doc(
		{"doctype": "Mediation Case", "subject": f"Nur intern {suffix}", "category": category}
	).insert()
	world["staff_case"] = staff_case.name
	world["tenant"] = build_tenant(suffix, category)
	frappe.db.commit()
	return world
