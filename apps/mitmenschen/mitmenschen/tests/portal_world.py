"""A small world for the portal's browser tests and manual checks.

`bench --site <site> execute mitmenschen.tests.portal_world.build` creates (with a random suffix, so
runs never collide) two partner organisations A and B with a portal user each, referrals, an
action, a meeting and a case with an attachment per organisation, and two tenants with portal
logins, one of them with a household in a flat and an earlier report; commits and returns names.
"""

import frappe
from frappe.utils import add_days, now_datetime, random_string
from frappe.utils.password import update_password

from mitmenschen.access.identity import PARTNER_ROLE
from mitmenschen.tests.factories import (
	make_action,
	make_category,
	make_contact,
	make_flat,
	make_meeting,
	make_partner,
	make_tenant,
)

PASSWORD = "Portal-Test-2026!"
TENANT_ROLE = "Customer"
PNG_1PX = bytes.fromhex(
	"89504e470d0a1a0a0000000d4948445200000001000000010806000000"
	"1f15c4890000000d49444154789c6360f8ffff3f0005fe02fea7d6a4ea0000000049454e44ae426082"
)


def make_web_user(email: str, first_name: str, role: str, language: str = "de") -> str:
	user = frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": first_name,
			"user_type": "Website User",
			"send_welcome_email": 0,
			"language": language,
			"roles": [{"role": role}],
		}
	).insert(ignore_permissions=True)
	update_password(user.name, PASSWORD)
	return user.name


def make_tenant_user(email: str, name: str, flat: str | None = None) -> dict:
	user = make_web_user(email, name, TENANT_ROLE)
	tenant = make_tenant(name)
	tenant.append("portal_users", {"user": user})
	tenant.save(ignore_permissions=True)
	household = None
	if flat:
		household = frappe.get_doc(
			{
				"doctype": "Refugee Household",
				"family_name": name,
				"tenant": tenant.name,
				"property_unit": flat,
			}
		).insert(ignore_permissions=True)
	return {"user": user, "tenant": tenant.name, "household": household.name if household else None}


def build_organisation(label: str, suffix: str, category: str) -> dict:
	organisation = make_partner(f"Portal {label} {suffix}", status="Active", portal_enabled=1)
	user = make_web_user(f"portal-{label.lower()}-{suffix}@portal.example", f"Partner {label}", PARTNER_ROLE)
	contact = make_contact(organisation.name, user=user, email=user, active=1, is_hotline=1, phone="0471 100")

	def referral(subject: str):
		return frappe.get_doc(
			{
				"doctype": "Mediation Case",
				"subject": f"{subject} {label} {suffix}",
				"category": category,
				"description": f"Beschreibung {subject} {label} {suffix}",
				"reporter_name": f"Vertrauliche Nachbarin {label} {suffix}",
				"resolution_due": add_days(now_datetime(), 5),
				"referred_to": organisation.name,
			}
		).insert(ignore_permissions=True)

	to_accept, to_decline = referral("Lärm nachts"), referral("Müll im Hof")
	attachment = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"foto-{label.lower()}-{suffix}.png",
			"is_private": 1,
			"content": PNG_1PX,
			"attached_to_doctype": "Mediation Case",
			"attached_to_name": to_accept.name,
		}
	).insert(ignore_permissions=True)
	action = make_action(organisation.name, contact.name, title=f"Hausordnung übersetzen {label} {suffix}")
	meeting = make_meeting(
		organisation.name, contact.name, title=f"Runder Tisch {label} {suffix}", location="Bürgerhaus Lehe"
	)
	return {
		"organisation": organisation.name,
		"user": user,
		"password": PASSWORD,
		"case_to_accept": to_accept.name,
		"case_to_accept_subject": to_accept.subject,
		"case_to_decline": to_decline.name,
		"reporter_name": to_accept.reporter_name,
		"file": attachment.name,
		"action": action.name,
		"action_title": action.title,
		"meeting": meeting.name,
		"meeting_title": meeting.title,
	}


def build() -> dict:
	suffix = random_string(6)
	category = make_category(f"Portal {suffix}").name
	world = {label: build_organisation(label, suffix, category) for label in ("A", "B")}
	flat = make_flat()["flat"]
	world["tenant"] = make_tenant_user(f"mieterin-{suffix}@portal.example", f"Mieterin {suffix}", flat)
	world["tenant"]["flat"] = flat
	world["other_tenant"] = make_tenant_user(f"nachbar-{suffix}@portal.example", f"Nachbar {suffix}")
	other = frappe.get_doc(
		{
			"doctype": "Mediation Case",
			"subject": f"Bericht des Nachbarn {suffix}",
			"category": category,
			"channel": "Portal",
			"reporter_tenant": world["other_tenant"]["tenant"],
		}
	).insert(ignore_permissions=True)
	world["other_tenant"]["case"] = other.name
	world["other_tenant"]["subject"] = other.subject
	world["category"] = category
	world["password"] = PASSWORD
	ensure_sorani()
	frappe.db.commit()
	return world


def ensure_sorani() -> None:
	"""Sorani Kurdish and the other languages Frappe does not ship as selectable languages."""
	from mitmenschen.language import ensure_languages

	ensure_languages()
