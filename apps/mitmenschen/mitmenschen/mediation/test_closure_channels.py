"""The closure message reaches a respondent household whose contact channels are on record through
the one way out: by SMS under its consent (against the loopback gateway), once per closing, logged on
the case in German; the reporter's name never in it."""

import frappe
from frappe.utils import random_string

from mitmenschen.mediation import closure
from mitmenschen.outbound.notices import LOG
from mitmenschen.outbound.test_notices import NoticeWorld
from mitmenschen.tests.factories import make_case


class TestClosureByChannel(NoticeWorld):
	def test_the_respondent_household_gets_an_sms_once(self) -> None:
		household, _profile = self.person(channels=["SMS"], preferred="SMS", mobile="+4917612345674", language="de")
		reporter = f"Nachbarin {random_string(6)}"
		case = make_case(respondent_household=household.name, reporter_name=reporter)
		self.created.append(("Mediation Case", case.name))
		[message] = closure.send_closure_messages(case)
		closure.send_closure_messages(case)  # the hook running twice
		frappe.db.commit()
		[sms] = self.gateway.delivered()
		self.assertEqual(sms["to"], "+4917612345674")
		self.assertIn(case.name, sms["text"])
		self.assertNotIn(reporter, sms["text"])
		self.assertEqual(frappe.db.get_value(LOG, message, ["status", "reference_name"]), ("Sent", case.name))
		self.assertIn(
			f"SMS an {household.family_name} (+4917612345674) gesendet", self.timeline("Mediation Case", case.name)
		)
		self.assertTrue(frappe.db.get_value("Mediation Case", case.name, "closure_notified_on"))
