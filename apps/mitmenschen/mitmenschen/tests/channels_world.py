"""The isolation world (two partner organisations, a tenant) plus what the channels hold: household A's
Contact Channels (WhatsApp and SMS consents, a number), a queued letter to it, and Messaging Settings
with a webhook secret, verify token and SMS token made for this run (returned so the end-to-end test
can sign one real call as a positive control). Used by tests/test_channels_isolation.py."""

import random

import frappe
from frappe.utils import nowdate, random_string

from mitmenschen.outbound.notices import notify
from mitmenschen.outbound.templates import TemplateSet
from mitmenschen.tests import isolation_world

NOTICE = TemplateSet(
	"Mit:Menschen Isolation Notice", lambda lang: ("Brief {{ secret }}", "<p>Vertraulich {{ secret }}</p>")
)


def build() -> dict:
	world = isolation_world.build()
	suffix = random_string(6)
	household = world["A"]["household"]
	number = f"+49151{random.randint(10_000_000, 99_999_999)}"
	profile = frappe.get_doc(
		{
			"doctype": "Contact Channels",
			"party_doctype": "Refugee Household",
			"party": household,
			"preferred_channel": "WhatsApp",
			"whatsapp": number,
			"mobile": number,
			"postal_address": f"Geheimweg {suffix}",
			"consents": [
				{"channel": "WhatsApp", "given_on": nowdate(), "how": "Form"},
				{"channel": "SMS", "given_on": nowdate(), "how": "Form"},
			],
		}
	).insert(ignore_permissions=True)
	# household B has no channels: its notice waits in the letter queue
	letter = notify(
		("Refugee Household", world["B"]["household"]), NOTICE, {"secret": f"Brief-{suffix}"}, key=f"iso:{suffix}"
	)
	settings = frappe.get_single("Messaging Settings")
	secrets = {
		"app_secret": f"secret-{random_string(16)}",
		"verify_token": f"verify-{random_string(12)}",
		"sms_inbound_token": f"sms-{random_string(12)}",
	}
	settings.update(secrets)
	settings.save(ignore_permissions=True)
	frappe.db.commit()
	return {
		**world,
		"channels": {
			"profile": profile.name,
			"number": number,
			"address": profile.postal_address,
			"letter": letter,
			"letter_secret": f"Brief-{suffix}",
			**secrets,
		},
	}


def state(profile: str, letter: str) -> dict:
	"""What the attempts must not have changed (read as Administrator)."""
	doc = frappe.get_doc("Contact Channels", profile)
	return {
		"withdrawn": sorted(row.channel for row in doc.consents if row.withdrawn_on),
		"letter_status": frappe.db.get_value("Outbound Message", letter, "status"),
	}
