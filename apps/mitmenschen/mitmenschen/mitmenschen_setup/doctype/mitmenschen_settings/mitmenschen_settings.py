# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from mitmenschen.erp.records import (
	sync_connections,
	sync_doctype_defaults,
	validate_erp_doctype,
)
from mitmenschen.erp.staff_access import move_staff_access


class MitmenschenSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF
		from mitmenschen.escalation.doctype.escalation_rung.escalation_rung import EscalationRung

		action_ladder: DF.Table[EscalationRung]
		arrears_days_overdue: DF.Int
		arrears_purpose: DF.SmallText | None
		arrears_signal_enabled: DF.Check
		arrears_threshold_amount: DF.Currency
		arrears_threshold_basis: DF.Literal["Months of Rent", "Amount"]
		arrears_threshold_months: DF.Float
		case_retention_days: DF.Int
		consent_expiry_days: DF.Int
		cooperative_logo: DF.AttachImage | None
		cooperative_name: DF.Data | None
		default_sla_policy: DF.Link | None
		escalation_sender: DF.Link | None
		follow_up_not_solved: DF.Literal["Reopen the Case", "Open a Linked Case"]
		guess_category_from_email: DF.Check
		help_days: DF.Literal["Monday to Friday", "Monday to Thursday", "Monday to Saturday"]
		help_from: DF.Data | None
		help_phone: DF.Data | None
		help_until: DF.Data | None
		holiday_state: DF.Literal["Baden-W\u00fcrttemberg", "Bayern", "Berlin", "Brandenburg", "Bremen", "Hamburg", "Hessen", "Mecklenburg-Vorpommern", "Niedersachsen", "Nordrhein-Westfalen", "Rheinland-Pfalz", "Saarland", "Sachsen", "Sachsen-Anhalt", "Schleswig-Holstein", "Th\u00fcringen"]
		household_retention_days: DF.Int
		meeting_reminder_hours: DF.Int
		onboarding_ladder: DF.Table[EscalationRung]
		onboarding_overdue_days: DF.Int
		partner_portal_enabled: DF.Check
		privacy_notice: DF.TextEditor | None
		property_doctype: DF.Link
		public_url: DF.Data | None
		recurrence_window_days: DF.Int
		recurring_complaints: DF.Int
		rent_doctype: DF.Link | None
		reply_to_closed_case: DF.Literal["Reopen the Case", "Open a Linked Case"]
		tenant_doctype: DF.Link
		tenant_portal_enabled: DF.Check
		unmet_need_weeks: DF.Int
	# end: auto-generated types

	def validate(self) -> None:
		validate_erp_doctype(self.tenant_doctype, _("tenant records"))
		validate_erp_doctype(self.property_doctype, _("property units"))

	def on_update(self) -> None:
		if self.has_value_changed("tenant_doctype") or self.has_value_changed("property_doctype"):
			sync_doctype_defaults()
			sync_connections()
			before = self.get_doc_before_save()
			move_staff_access({before.tenant_doctype, before.property_doctype} if before else set())
