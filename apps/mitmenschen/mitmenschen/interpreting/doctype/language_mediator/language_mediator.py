# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from mitmenschen.interpreting import name_search, pool


class LanguageMediator(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF
		from mitmenschen.interpreting.doctype.mediator_blackout.mediator_blackout import MediatorBlackout
		from mitmenschen.interpreting.doctype.mediator_language.mediator_language import MediatorLanguage
		from mitmenschen.partners.doctype.partner_district.partner_district import PartnerDistrict

		allowance_per_assignment: DF.Currency
		allowance_per_hour: DF.Currency
		allowance_rule: DF.SmallText | None
		blackouts: DF.Table[MediatorBlackout]
		by_phone: DF.Check
		by_video: DF.Check
		districts: DF.Table[PartnerDistrict]
		email: DF.Data
		friday: DF.Check
		full_name: DF.Data
		in_person: DF.Check
		languages: DF.Table[MediatorLanguage]
		monday: DF.Check
		name_key: DF.Data | None
		offers_written_translation: DF.Check
		partner_organisation: DF.Link | None
		phone: DF.Data | None
		pledge_document: DF.Attach | None
		pledge_signed_on: DF.Date | None
		preferred_channel: DF.Literal["Email", "Phone"]
		saturday: DF.Check
		status: DF.Literal["Active", "Paused"]
		sunday: DF.Check
		thursday: DF.Check
		tuesday: DF.Check
		wednesday: DF.Check
	# end: auto-generated types
	def validate(self) -> None:
		pool.validate_mediator(self)
		name_search.set_key(self)  # found however the name is spelled
