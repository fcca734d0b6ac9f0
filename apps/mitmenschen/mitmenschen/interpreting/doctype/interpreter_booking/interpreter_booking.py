# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document
from frappe.utils import today

from mitmenschen.interpreting import booking, lead_time, offers


class InterpreterBooking(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF
		from mitmenschen.interpreting.doctype.interpreter_exclusion.interpreter_exclusion import InterpreterExclusion
		from mitmenschen.interpreting.doctype.interpreter_offer.interpreter_offer import InterpreterOffer

		call_link: DF.Data | None
		cancellation_reason: DF.SmallText | None
		case_step: DF.Data | None
		clerk: DF.Link
		clerk_phone: DF.Data | None
		confirmed_on: DF.Datetime | None
		date: DF.Date
		dialect: DF.Data | None
		district: DF.Data | None
		duration_hours: DF.Float
		excluded_mediators: DF.TableMultiSelect[InterpreterExclusion]
		hours_confirmed_by: DF.Link | None
		hours_held: DF.Float
		household: DF.Link | None
		interpreter_language: DF.Link
		lead_working_days: DF.Int
		mediation_case: DF.Link | None
		mediator: DF.Link | None
		meeting: DF.Link | None
		mode: DF.Literal["In Person", "Phone", "Video"]
		naming_series: DF.Literal["IB-.YYYY.-.#####"]
		offer_deadline: DF.Datetime | None
		offer_round: DF.Int
		offers: DF.Table[InterpreterOffer]
		place: DF.SmallText | None
		purpose_type: DF.Literal["Mediation Talk", "House Rules Explanation", "Onboarding Step", "Round Table Meeting"]
		reminded_on: DF.Datetime | None
		short_notice_approved_by: DF.Link | None
		short_notice_reason: DF.SmallText | None
		start_time: DF.Time
		status: DF.Literal["Searching", "Offered", "Confirmed", "Held", "No-show", "Cancelled", "Unfilled"]
	# end: auto-generated types
	def validate(self) -> None:
		if self.is_new():
			booking.fill_from_source(self)
			lead_time.check(self, today())
		booking.validate_appointment(self)
		if self.is_new():
			offers.search(self)  # the first round's offers are saved with the booking

	def on_update(self) -> None:
		offers.dispatch(self)
