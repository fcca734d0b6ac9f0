# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from mitmenschen.access.permissions import add_partner_index
from mitmenschen.erp.records import set_district, set_erp_doctypes
from mitmenschen.households import referral_lifecycle
from mitmenschen.mediation import closing_the_loop
from mitmenschen.mediation.case_workflow import apply_step_effects, record_rejection
from mitmenschen.mediation.recurrence import find_earlier_case
from mitmenschen.mediation.referral import CASE
from mitmenschen.mediation.report_indexes import add_evidence_indexes
from mitmenschen.mediation.sla import apply_sla, sync_timers
from mitmenschen.mediation.staff_indexes import add_staff_indexes
from mitmenschen.names import name_key
from mitmenschen.privacy.retention import add_retention_index
from mitmenschen.workflows.notifications import notify_state_change
from mitmenschen.workflows.rules import validate_state_change


class MediationCase(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from mitmenschen.mediation.doctype.mediation_case_step.mediation_case_step import MediationCaseStep

		anonymised_on: DF.Datetime | None
		assigned_to: DF.Link | None
		category: DF.Link
		channel: DF.Literal["Desk", "Email", "Phone", "Portal", "Web Form"]
		closure_notified_on: DF.Datetime | None
		consent_overridden_by: DF.Link | None
		consent_overridden_on: DF.Datetime | None
		consent_override_reason: DF.SmallText | None
		description: DF.TextEditor | None
		district: DF.DynamicLink | None
		escalation_level: DF.Int
		first_resolved_on: DF.Datetime | None
		first_responded_on: DF.Datetime | None
		follow_up_answer: DF.Literal["", "Solved", "Partly Solved", "Not Solved"]
		follow_up_answered_on: DF.Datetime | None
		follow_up_answered_via: DF.Literal["", "Link", "Phone"]
		follow_up_date: DF.Date | None
		follow_up_expires_on: DF.Datetime | None
		follow_up_sent_on: DF.Datetime | None
		interpreter_language: DF.Link | None
		naming_series: DF.Literal["MC-.YYYY.-.#####"]
		opened_on: DF.Datetime | None
		playbook_steps: DF.Table[MediationCaseStep]
		priority: DF.Literal["", "Low", "Medium", "High", "Urgent"]
		property_doctype: DF.Link | None
		property_unit: DF.DynamicLink | None
		recurrence_of: DF.Link | None
		referral_answer_working_hours: DF.Float
		referral_decline_reason: DF.SmallText | None
		referral_requested_on: DF.Datetime | None
		referral_responded_on: DF.Datetime | None
		referral_status: DF.Literal["", "Requested", "Accepted", "Declined", "Done"]
		referred_to: DF.Link | None
		rejection_reason: DF.SmallText | None
		reopen_count: DF.Int
		reopened_on: DF.Datetime | None
		reporter_email: DF.Data | None
		reporter_language: DF.Link | None
		reporter_name: DF.Data | None
		reporter_name_key: DF.Data | None
		reporter_phone: DF.Data | None
		reporter_satisfaction: DF.Rating
		reporter_tenant: DF.DynamicLink | None
		resolution: DF.TextEditor | None
		resolution_approved_by: DF.Link | None
		resolution_approved_on: DF.Datetime | None
		resolution_due: DF.Datetime | None
		resolution_proposed_by: DF.Link | None
		resolution_working_hours: DF.Float
		resolved_on: DF.Datetime | None
		respondent_household: DF.Link | None
		response_due: DF.Datetime | None
		response_working_hours: DF.Float
		sla_paused_hours: DF.Float
		sla_paused_on: DF.Datetime | None
		sla_policy: DF.Link | None
		sla_status: DF.Literal["", "On Track", "Warning", "Breached", "Met", "Paused"]
		status: DF.Literal["New", "Triaged", "In Mediation", "Resolution Proposed", "Closed", "Reopened"]
		subject: DF.Data
		tenant_doctype: DF.Link | None
		waiting_on: DF.Literal["", "Reporter", "Partner"]
	# end: auto-generated types

	def before_validate(self) -> None:
		set_erp_doctypes(self)

	def validate(self) -> None:
		validate_state_change(self)
		self.set_default_priority()
		set_district(self)
		self.validate_reporter()
		referral_lifecycle.validate(CASE, self)  # partner, consent, decline reason, times
		self.detect_recurrence()
		closing_the_loop.before_save(self)  # playbook, reporter language, follow-up, reopening
		apply_step_effects(self)
		apply_sla(self)

	def on_update(self) -> None:
		record_rejection(self)
		notify_state_change(self)
		sync_timers(self)
		closing_the_loop.after_save(self)  # assignment (ToDo), step timers, follow-up, closure mail

	def set_default_priority(self) -> None:
		if not self.priority:
			self.priority = (
				frappe.db.get_value("Case Category", self.category, "default_priority") or "Medium"
			)

	def validate_reporter(self) -> None:
		"""A reporter known only by email or phone is shown under that address."""
		if not self.reporter_tenant and not self.reporter_name:
			self.reporter_name = self.reporter_email or self.reporter_phone
		self.reporter_name_key = name_key(self.reporter_name)  # found however it is spelled

	def detect_recurrence(self) -> None:
		if self.recurrence_of or not (self.category and self.property_unit):
			return
		if not (
			self.is_new() or self.has_value_changed("property_unit") or self.has_value_changed("category")
		):
			return
		self.recurrence_of = find_earlier_case(
			self.category, self.property_unit, self.opened_on, exclude=None if self.is_new() else self.name
		)
		if self.recurrence_of:
			frappe.msgprint(
				_("The same problem was reported at this property recently: {0}.").format(
					frappe.get_desk_link("Mediation Case", self.recurrence_of)
				),
				title=_("Recurring Problem"),
				indicator="orange",
				alert=True,
			)


def on_doctype_update() -> None:
	"""Indexes for the daily retention job, for partners' lists, for the round table's reports and for
	the clerks' lists."""
	add_retention_index("Mediation Case")
	add_partner_index("Mediation Case")
	add_evidence_indexes("Mediation Case")
	add_staff_indexes("Mediation Case")
