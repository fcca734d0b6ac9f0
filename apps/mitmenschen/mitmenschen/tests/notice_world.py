"""A test class for notices that reach a person by each channel: a real SMS gateway, a WhatsApp Cloud
API and an SMTP server on loopback (ports given by the test class), and people with dated consents
(Contact Channels). Delivery happens after commit, as in production, so the tests commit; what they
created (messages, contact channels, files, mail) is deleted afterwards."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import now_datetime, nowdate

from mitmenschen.outbound import consent
from mitmenschen.outbound.notices import LOG
from mitmenschen.tests.gateways import CloudAPI, SMSGateway, configure_sms, configure_whatsapp
from mitmenschen.tests.mail import (
	SMTPSink,
	delete_created_since,
	drop_queued_since,
	ensure_outgoing_account,
	retire_outgoing_account,
)


class NoticeTestCase(FrappeTestCase):
	SMS_PORT: int
	CLOUD_PORT: int
	SMTP_PORT: int
	# what the test class creates besides messages and contact channels (deleted afterwards)
	CREATED: tuple[str, ...] = ()

	@classmethod
	def setUpClass(cls) -> None:
		super().setUpClass()
		cls.since = now_datetime()
		cls.gateway = SMSGateway(cls.SMS_PORT).start()
		cls.cloud = CloudAPI(cls.CLOUD_PORT).start()
		cls.smtp = SMTPSink(cls.SMTP_PORT)
		cls.smtp.start()
		configure_sms(cls.gateway)
		configure_whatsapp(cls.cloud)
		ensure_outgoing_account(cls.SMTP_PORT)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls) -> None:
		cls.gateway.stop()
		cls.cloud.stop()
		cls.smtp.stop()
		retire_outgoing_account()
		frappe.db.rollback()
		frappe.db.delete("File", {"attached_to_doctype": LOG, "creation": [">=", cls.since]})
		delete_created_since(cls.since, [LOG, consent.PROFILE, *cls.CREATED])
		drop_queued_since(cls.since)
		super().tearDownClass()

	def setUp(self) -> None:
		self.gateway.clear()
		self.cloud.clear()
		self.smtp.messages.clear()
		self.gateway.down = self.cloud.down = False

	def tearDown(self) -> None:
		frappe.set_user("Administrator")
		frappe.db.rollback()

	def channels(
		self, doctype: str, name: str, *, consents=(), preferred="Letter", language=None, **addresses
	):
		"""The person's Contact Channels with a consent given today for each of `consents`."""
		return frappe.get_doc(
			{
				"doctype": consent.PROFILE,
				"party_doctype": doctype,
				"party": name,
				"preferred_channel": preferred,
				"language": language,
				"consents": [{"channel": c, "given_on": nowdate(), "how": "Form"} for c in consents],
				**addresses,
			}
		).insert(ignore_permissions=True)

	def timeline(self, doctype: str, name: str) -> list[str]:
		return frappe.get_all(
			"Comment",
			filters={"reference_doctype": doctype, "reference_name": name, "comment_type": "Info"},
			pluck="content",
		)


# ---- for the browser test (tests/test_house_rules_channels.py) ------------------------------------

BROWSER_SMS_PORT = 2729


def house_rules_by_sms() -> dict:
	"""`bench execute`: SMS Settings pointed at the loopback gateway on BROWSER_SMS_PORT, house rules for
	a district of their own, an Arabic-speaking household there that agreed to SMS (and has no email),
	and a clerk with a password; commits and returns their names."""
	import random
	from types import SimpleNamespace

	from frappe.utils import random_string
	from frappe.utils.password import update_password

	from mitmenschen.tests.factories import make_flat, make_staff_user
	from mitmenschen.tests.house_rules_world import make_house_rules, make_speaking_household

	frappe.set_user("Administrator")
	configure_sms(SimpleNamespace(url=f"http://127.0.0.1:{BROWSER_SMS_PORT}"))
	flat = make_flat()
	rules = make_house_rules(district=flat["district"])
	household = make_speaking_household("ar", district=flat["district"], email=False)
	number = f"+49176{random.randint(10_000_000, 99_999_999)}"
	frappe.get_doc(
		{
			"doctype": consent.PROFILE,
			"party_doctype": "Refugee Household",
			"party": household.name,
			"preferred_channel": "SMS",
			"language": "ar",
			"mobile": number,
			"consents": [{"channel": "SMS", "given_on": nowdate(), "how": "Signed Paper"}],
		}
	).insert(ignore_permissions=True)
	clerk = make_staff_user("Mit:Menschen Clerk")
	password = f"Kanal-{random_string(10)}!"
	update_password(clerk, password)
	frappe.db.commit()
	return {
		"clerk": clerk,
		"password": password,
		"household": household.name,
		"rules": rules.name,
		"number": frappe.db.get_value(consent.PROFILE, {"party": household.name}, "mobile"),
	}


def household_without_channels() -> dict:
	"""`bench execute`: a Persian-speaking household with no Contact Channels yet and a clerk (desk
	language German) with a password; commits and returns their names."""
	from frappe.utils import random_string
	from frappe.utils.password import update_password

	from mitmenschen.tests.factories import make_staff_user
	from mitmenschen.tests.house_rules_world import make_speaking_household

	frappe.set_user("Administrator")
	household = make_speaking_household("fa", email=False)
	clerk = make_staff_user("Mit:Menschen Clerk")
	password = f"Kanal-{random_string(10)}!"
	update_password(clerk, password)
	frappe.db.commit()
	return {"clerk": clerk, "password": password, "household": household.name}
