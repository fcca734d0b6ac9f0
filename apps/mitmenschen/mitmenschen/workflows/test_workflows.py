# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""Every step of the four workflows, tried by every role: allowed ones land in the next state,
refused ones fail with a German message and change nothing."""

import frappe
from frappe.model.workflow import WorkflowPermissionError
from frappe.tests.utils import FrappeTestCase

from mitmenschen.access.identity import PARTNER_ROLE
from mitmenschen.mediation.case_workflow import ResolutionError, reject_resolution
from mitmenschen.tests.factories import (
	make_case,
	make_flat,
	make_household,
	make_partner,
	make_staff_user,
	unique,
)
from mitmenschen.tests.mail import upsert_account
from mitmenschen.workflows.definitions import (
	BY_DOCTYPE,
	CLERK,
	MANAGER,
	WORKFLOWS,
	Step,
	seed_state,
)
from mitmenschen.workflows.rules import apply_workflow, condition_message

ONLY_ROLES = "Only {0} may take the step {1} for this {2}."


class WorkflowTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.clerk = make_staff_user(CLERK)
		cls.other_clerk = make_staff_user(CLERK)
		cls.manager = make_staff_user(MANAGER)
		cls.other_manager = make_staff_user(MANAGER)
		cls.partner = make_staff_user(PARTNER_ROLE)
		cls.flat = make_flat()["flat"]

	def setUp(self):
		self.lang = frappe.local.lang

	def tearDown(self):
		frappe.set_user("Administrator")
		frappe.local.lang = self.lang

	def record_in(self, doctype: str, state: str):
		"""A record with everything each step needs, seeded into `state`: the clerk is the case's
		assignee and proposer, the meeting's chair, the one who rejected with a reason."""
		if doctype == "Refugee Household":
			doc = make_household(property_unit=self.flat)
		elif doctype == "Mediation Case":
			doc = make_case(
				assigned_to=self.clerk,
				resolution="<p>Gemeinsame Ruhezeiten ab 22 Uhr vereinbart.</p>",
			)
			frappe.db.set_value(
				doctype,
				doc.name,
				{"resolution_proposed_by": self.clerk, "rejection_reason": "Nachbarin nicht angehört"},
				update_modified=False,
			)
		elif doctype == "Round Table Meeting":
			doc = frappe.get_doc(
				{
					"doctype": doctype,
					"title": unique("Runder Tisch"),
					"starts_on": frappe.utils.add_days(frappe.utils.now_datetime(), -7),  # held: past
					"chair": self.clerk,
					"minutes": "<p>Protokoll</p>",
				}
			).insert()
		else:
			doc = make_partner(status="Proposed")
		seed_state(doctype, doc.name, state)
		return frappe.get_doc(doctype, doc.name)

	def take(self, user: str, doc, action: str):
		"""As a request of `user` would: their session, their language (German)."""
		frappe.set_user(user)
		lang, frappe.local.lang = frappe.local.lang, frappe.db.get_value("User", user, "language")
		try:
			return apply_workflow({"doctype": doc.doctype, "name": doc.name}, action)
		finally:
			frappe.set_user("Administrator")
			frappe.local.lang = lang

	def assert_refused(self, user: str, doc, action: str, exc=WorkflowPermissionError) -> str:
		before = frappe.db.get_value(doc.doctype, doc.name, ["status", "modified"])
		with self.assertRaises(exc) as refused:
			self.take(user, doc, action)
		self.assertEqual(frappe.db.get_value(doc.doctype, doc.name, ["status", "modified"]), before)
		return str(refused.exception)


class TestEveryStepForEveryRole(WorkflowTestCase):
	def expected_outcome(self, step: Step, user: str) -> bool:
		roles = set(frappe.get_roles(user))
		if not roles.intersection(step.roles):
			return False
		# the records are prepared so that the clerk is chair and proposer
		if step.condition and "resolution_proposed_by" in step.condition:
			return user != self.clerk
		if step.condition and "chair" in step.condition:
			return user == self.clerk
		return True

	def test_every_step_allowed_or_refused_by_role(self):
		tried = 0
		for definition in WORKFLOWS:
			for step in {(s.state, s.action, s.next_state): s for s in definition.steps}.values():
				for user in (self.clerk, self.other_clerk, self.manager, self.partner):
					steps = [s for s in definition.steps if (s.state, s.action) == (step.state, step.action)]
					allowed = any(self.expected_outcome(s, user) for s in steps)
					doc = self.record_in(definition.doctype, step.state)
					with self.subTest(doctype=definition.doctype, action=step.action, user=user):
						tried += 1
						if allowed:
							self.take(user, doc, step.action)
							self.assertEqual(
								frappe.db.get_value(doc.doctype, doc.name, "status"), step.next_state
							)
						elif user == self.partner:
							self.assert_refused(user, doc, step.action, exc=frappe.PermissionError)
						else:
							message = self.assert_refused(user, doc, step.action)
							self.assertNotIn("Only", message)  # German, not the English source
		self.assertGreater(tried, 100)

	def test_refusal_names_the_missing_role_in_german(self):
		case = self.record_in("Mediation Case", "Resolution Proposed")
		message = self.assert_refused(self.clerk, case, "Approve")
		self.assertNotEqual(
			frappe._(ONLY_ROLES, lang="de"), ONLY_ROLES, "the message has no German translation"
		)
		self.assertIn(frappe.bold(frappe._(MANAGER, lang="de")), message)
		self.assertTrue(message.startswith("Nur "), message)

	def test_an_action_from_the_wrong_state_is_explained(self):
		case = self.record_in("Mediation Case", "New")
		message = self.assert_refused(self.manager, case, "Approve")
		self.assertIn(frappe._("New", lang="de"), message)

	def test_a_saved_state_change_is_checked_like_an_action(self):
		case = self.record_in("Mediation Case", "Resolution Proposed")
		frappe.set_user(self.clerk)
		case.status = "Closed"
		with self.assertRaises(WorkflowPermissionError):
			case.save()
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Mediation Case", case.name, "status"), "Resolution Proposed")

	def test_skipping_a_state_by_saving_is_refused(self):
		case = self.record_in("Mediation Case", "New")
		frappe.set_user(self.manager)
		case.status = "Closed"
		with self.assertRaises(WorkflowPermissionError):
			case.save()


class TestCaseApprovalRules(WorkflowTestCase):
	def test_a_manager_cannot_approve_their_own_proposal(self):
		case = self.record_in("Mediation Case", "In Mediation")
		self.take(self.manager, case, "Propose Resolution")
		self.assertEqual(
			frappe.db.get_value("Mediation Case", case.name, "resolution_proposed_by"), self.manager
		)
		message = self.assert_refused(self.manager, case, "Approve")
		frappe.local.lang = "de"
		self.assertEqual(message, condition_message("doc.resolution_proposed_by != frappe.session.user"))
		self.take(self.other_manager, case, "Approve")
		approved = frappe.db.get_value(
			"Mediation Case",
			case.name,
			["status", "resolution_approved_by", "resolution_approved_on"],
			as_dict=True,
		)
		self.assertEqual((approved.status, approved.resolution_approved_by), ("Closed", self.other_manager))
		self.assertIsNotNone(approved.resolution_approved_on)

	def test_proposing_needs_a_resolution_text(self):
		case = self.record_in("Mediation Case", "In Mediation")
		frappe.db.set_value("Mediation Case", case.name, "resolution", "<p> </p>", update_modified=False)
		self.assert_refused(self.clerk, case, "Propose Resolution", exc=ResolutionError)

	def test_reject_needs_a_reason_and_keeps_it_on_the_timeline(self):
		case = self.record_in("Mediation Case", "Resolution Proposed")
		frappe.db.set_value("Mediation Case", case.name, "rejection_reason", "", update_modified=False)
		self.assert_refused(self.manager, case, "Reject", exc=ResolutionError)

		frappe.set_user(self.manager)
		with self.assertRaises(ResolutionError):
			reject_resolution(case.name, "   ")
		reject_resolution(case.name, "Die Nachbarin wurde nicht angehört.")
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Mediation Case", case.name, "status"), "In Mediation")
		comments = frappe.get_all(
			"Comment",
			filters={"reference_name": case.name, "comment_type": "Comment"},
			pluck="content",
		)
		self.assertTrue(any("Die Nachbarin wurde nicht angehört." in c for c in comments), comments)

		# the next proposal starts without the old reason
		self.take(self.clerk, case, "Propose Resolution")
		self.assertFalse(frappe.db.get_value("Mediation Case", case.name, "rejection_reason"))

	def test_a_clerk_cannot_reject(self):
		case = self.record_in("Mediation Case", "Resolution Proposed")
		frappe.set_user(self.other_clerk)
		with self.assertRaises(WorkflowPermissionError):
			reject_resolution(case.name, "Mir gefällt es nicht.")
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Mediation Case", case.name, "status"), "Resolution Proposed")


class TestOtherWorkflowRules(WorkflowTestCase):
	def test_only_the_chair_or_a_manager_approves_minutes(self):
		meeting = self.record_in("Round Table Meeting", "Minutes Draft")
		message = self.assert_refused(self.other_clerk, meeting, "Approve Minutes")
		frappe.local.lang = "de"
		self.assertEqual(message, condition_message("doc.chair == frappe.session.user"))
		self.take(self.clerk, meeting, "Approve Minutes")
		self.assertEqual(
			frappe.db.get_value("Round Table Meeting", meeting.name, "status"), "Minutes Approved"
		)

	def test_minutes_must_be_written_before_the_draft(self):
		meeting = self.record_in("Round Table Meeting", "Held")
		frappe.db.set_value("Round Table Meeting", meeting.name, "minutes", "", update_modified=False)
		self.assert_refused(self.clerk, meeting, "Draft Minutes", exc=frappe.ValidationError)

	def test_allocation_needs_a_flat_and_moving_dates_itself(self):
		household = make_household()
		seed_state("Refugee Household", household.name, "Under Review")
		self.assert_refused(self.manager, household, "Approve Allocation", exc=frappe.ValidationError)
		frappe.db.set_value(
			"Refugee Household", household.name, "property_unit", self.flat, update_modified=False
		)
		self.take(self.manager, household, "Approve Allocation")
		self.take(self.clerk, household, "Move In")
		self.assertEqual(
			str(frappe.db.get_value("Refugee Household", household.name, "move_in_date")),
			frappe.utils.nowdate(),
		)

	def test_only_active_partners_receive_referrals(self):
		partner = self.record_in("Partner Organisation", "Proposed")
		with self.assertRaises(frappe.ValidationError):
			make_case(referred_to=partner.name)
		self.take(self.manager, partner, "Approve")
		self.take(self.clerk, partner, "Activate")
		self.assertEqual(make_case(referred_to=partner.name).referral_status, "Requested")


class TestWorkflowMail(WorkflowTestCase):
	"""Mail is only queued here (no server listens on the account's port): the tests read the queue."""

	ACCOUNT = "Mit:Menschen Workflow Mail Test"

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		upsert_account(
			cls.ACCOUNT,
			{
				"email_id": "mitmenschen@genossenschaft.example",
				"enable_outgoing": 1,
				"default_outgoing": 1,
				"smtp_server": "127.0.0.1",
				"smtp_port": 2599,
				"no_smtp_authentication": 1,
				"enable_incoming": 0,
			},
		)
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.set_value("Email Account", cls.ACCOUNT, {"enable_outgoing": 0, "default_outgoing": 0})
		frappe.db.commit()
		super().tearDownClass()

	def queued_to(self, email: str, reference: str) -> bool:
		queues = frappe.get_all("Email Queue", filters={"reference_name": reference}, pluck="name")
		return bool(queues) and bool(
			frappe.db.exists("Email Queue Recipient", {"parent": ("in", queues), "recipient": email})
		)

	def test_mail_goes_to_the_responsible_person_not_the_role(self):
		case = self.record_in("Mediation Case", "New")
		self.take(self.manager, case, "Triage")  # the assignee (clerk) learns of it
		self.assertTrue(self.queued_to(self.clerk, case.name))
		self.assertFalse(self.queued_to(self.other_clerk, case.name))
		self.assertFalse(self.queued_to(self.other_manager, case.name))

	def test_the_proposer_learns_the_decision_and_the_actor_gets_no_mail(self):
		case = self.record_in("Mediation Case", "In Mediation")
		self.take(self.clerk, case, "Propose Resolution")
		self.assertFalse(self.queued_to(self.clerk, case.name), "the actor mailed themselves")
		self.take(self.manager, case, "Approve")
		self.assertTrue(self.queued_to(self.clerk, case.name))
		self.assertFalse(self.queued_to(self.manager, case.name))

	def test_the_chair_is_asked_to_approve_the_minutes(self):
		meeting = self.record_in("Round Table Meeting", "Held")
		self.take(self.other_clerk, meeting, "Draft Minutes")
		self.assertTrue(self.queued_to(self.clerk, meeting.name))


class TestWorkflowsInstalled(FrappeTestCase):
	def test_each_doctype_has_its_active_workflow_with_every_step(self):
		for definition in WORKFLOWS:
			workflow = frappe.get_doc("Workflow", definition.workflow_name)
			self.assertEqual((workflow.document_type, workflow.is_active), (definition.doctype, 1))
			self.assertFalse(workflow.send_email_alert)
			transitions = {(t.state, t.action, t.next_state, t.allowed) for t in workflow.transitions}
			for step in definition.steps:
				for role in step.roles:
					self.assertIn((step.state, step.action, step.next_state, role), transitions)
			self.assertIs(BY_DOCTYPE[definition.doctype], definition)

	def test_states_and_actions_are_translated(self):
		for definition in WORKFLOWS:
			for text in {s.action for s in definition.steps} | {state for state, _ in definition.states}:
				with self.subTest(text=text):
					self.assertNotEqual(frappe._(text, lang="de"), text)
