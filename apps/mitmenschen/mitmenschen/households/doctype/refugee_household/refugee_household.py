# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import getdate, nowdate

from mitmenschen.erp.records import get_record_title, set_district, set_erp_doctypes
from mitmenschen.households import name_search
from mitmenschen.privacy.retention import add_retention_index
from mitmenschen.workflows.notifications import notify_state_change
from mitmenschen.workflows.rules import validate_state_change


class HouseholdDateError(frappe.ValidationError):
	pass


class ConsentDateError(frappe.ValidationError):
	pass


class RefugeeHousehold(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from mitmenschen.households.doctype.house_rules_delivery.house_rules_delivery import (
			HouseRulesDelivery,
		)
		from mitmenschen.households.doctype.house_rules_explanation.house_rules_explanation import (
			HouseRulesExplanation,
		)
		from mitmenschen.households.doctype.household_consent.household_consent import HouseholdConsent
		from mitmenschen.households.doctype.household_member.household_member import HouseholdMember
		from mitmenschen.mitmenschen_setup.doctype.spoken_language.spoken_language import SpokenLanguage

		anonymised_on: DF.Datetime | None
		arrival_date: DF.Date | None
		city_caseworker: DF.Link | None
		confidential_notes: DF.TextEditor | None
		consents: DF.Table[HouseholdConsent]
		country_of_origin: DF.Link | None
		district: DF.DynamicLink | None
		family_name: DF.Data
		house_rules_deliveries: DF.Table[HouseRulesDelivery]
		house_rules_explanations: DF.Table[HouseRulesExplanation]
		interpreter_language: DF.Link | None
		interpreter_needed: DF.Check
		languages: DF.TableMultiSelect[SpokenLanguage]
		members: DF.Table[HouseholdMember]
		move_in_date: DF.Date | None
		move_out_date: DF.Date | None
		name_key: DF.Data | None
		naming_series: DF.Literal["HH-.YYYY.-.####"]
		property_doctype: DF.Link | None
		property_unit: DF.DynamicLink | None
		status: DF.Literal[
			"Announced", "Under Review", "Allocation Approved", "Moved In", "Settled", "Moved Out", "Archived"
		]
		tenant: DF.DynamicLink | None
		tenant_doctype: DF.Link | None
		tenant_name: DF.Data | None
		volunteer_buddy: DF.Link | None
	# end: auto-generated types

	def before_validate(self) -> None:
		set_erp_doctypes(self)

	def validate(self) -> None:
		validate_state_change(self)
		self.apply_step_effects()
		self.validate_dates()
		self.validate_members()
		self.validate_consents()
		set_district(self)
		self.set_tenant_name()
		name_search.set_keys(self)  # found however the names are spelled
		name_search.warn_probable_duplicates(self)

	def validate_dates(self) -> None:
		"""Arrival ≤ move-in ≤ move-out; a family cannot move in before it arrived."""
		ensure_not_before(
			self.move_in_date,
			self.arrival_date,
			_("Move-in date {0} is before the arrival date {1}."),
			_("Invalid Dates"),
			HouseholdDateError,
		)
		ensure_not_before(
			self.move_out_date,
			self.move_in_date,
			_("Move-out date {0} is before the move-in date {1}."),
			_("Invalid Dates"),
			HouseholdDateError,
		)

	def validate_members(self) -> None:
		current_year = getdate(nowdate()).year
		for member in self.members:
			if not (member.member_name or "").strip():
				frappe.throw(
					_("Row {0}: every household member needs a name.").format(member.idx),
					title=_("Missing Name"),
					exc=frappe.MandatoryError,
				)
			if member.birth_year and not 1900 <= member.birth_year <= current_year:
				frappe.throw(
					_("Row {0}: birth year {1} of {2} is not plausible.").format(
						member.idx, member.birth_year, frappe.bold(member.member_name)
					),
					title=_("Invalid Birth Year"),
				)

	def validate_consents(self) -> None:
		for consent in self.consents:
			# The row number goes in now; ensure_not_before fills in the two dates.
			ensure_not_before(
				consent.expires_on,
				consent.given_on,
				_("Consent row {0}: it expires on {1}, before it was given on {2}.").format(
					consent.idx, "{0}", "{1}"
				),
				_("Invalid Consent"),
				ConsentDateError,
			)
			ensure_not_before(
				consent.withdrawn_on,
				consent.given_on,
				_("Consent row {0}: it was withdrawn on {1}, before it was given on {2}.").format(
					consent.idx, "{0}", "{1}"
				),
				_("Invalid Consent"),
				ConsentDateError,
			)
			if not consent.recorded_by:
				consent.recorded_by = frappe.session.user

	def on_update(self) -> None:
		notify_state_change(self)

	def apply_step_effects(self) -> None:
		"""An allocation names the flat; moving in and out dates itself unless the clerk did."""
		if not self.has_value_changed("status") or self.is_new():
			return
		if self.status == "Allocation Approved" and not self.property_unit:
			frappe.throw(
				_("Choose the flat (property unit) before the allocation is approved."),
				title=_("Flat Missing"),
			)
		if self.status == "Moved In" and not self.move_in_date:
			self.move_in_date = nowdate()
		if self.status == "Moved Out" and not self.move_out_date:
			self.move_out_date = nowdate()

	def set_tenant_name(self) -> None:
		self.tenant_name = get_record_title(self.tenant_doctype, self.tenant) if self.tenant else None


def ensure_not_before(later, earlier, message: str, title: str, exc: type[Exception]) -> None:
	"""Refuse when the later date lies before the earlier one; message gets both dates as {0} and {1}."""
	if later and earlier and getdate(later) < getdate(earlier):
		frappe.throw(
			message.format(
				frappe.bold(frappe.format(later, "Date")), frappe.bold(frappe.format(earlier, "Date"))
			),
			title=title,
			exc=exc,
		)


def on_doctype_update() -> None:
	"""Index for the daily retention job that finds households due for anonymisation."""
	add_retention_index("Refugee Household")
