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
