# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt

import re

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import nowdate

from mitmenschen.erp.records import set_erp_doctypes
from mitmenschen.households.house_rules import (
	CHOSEN,
	OUTDATED,
	TO_BE_CHECKED,
	base_language,
	text_fingerprint,
	translation_status,
)
from mitmenschen.language import DEFAULT_LANGUAGE


class DuplicateTranslationError(frappe.ValidationError):
	pass


class HouseRules(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from mitmenschen.households.doctype.house_rules_scope.house_rules_scope import HouseRulesScope
		from mitmenschen.households.doctype.house_rules_translation.house_rules_translation import (
			HouseRulesTranslation,
		)

		applies_to: DF.Literal["All Buildings", "Chosen Districts or Buildings"]
		german_hash: DF.Data | None
		german_pdf: DF.Attach | None
		german_text: DF.TextEditor
		midday_rest_from: DF.Data | None
		midday_rest_until: DF.Data | None
		night_rest_from: DF.Data | None
		night_rest_until: DF.Data | None
		scope: DF.Table[HouseRulesScope]
		title: DF.Data
		translations: DF.Table[HouseRulesTranslation]
		translations_outdated: DF.Int
		translations_to_check: DF.Int
		valid_from: DF.Date
		version: DF.Int
	# end: auto-generated types

	def autoname(self) -> None:
		self.set_version()
		self.name = f"{self.title} v{self.version}"

	def before_validate(self) -> None:
		for row in self.scope:
			set_erp_doctypes(row)

	def validate(self) -> None:
		self.set_version()
		self.validate_rest_times()
		self.validate_scope()
		self.validate_translations()
		self.german_hash = text_fingerprint(self.german_text, self.german_pdf)
		self.stamp_checks()
		self.set_translation_states()

	def set_version(self) -> None:
		"""Left empty, the version is the next number after the latest of this title."""
		if self.version:
			return
		latest = frappe.get_all(
			"House Rules",
			filters={"title": self.title, "name": ["!=", self.name or ""]},
			fields=["max(version) as version"],
		)
		self.version = ((latest[0].version if latest else 0) or 0) + 1

	def validate_rest_times(self) -> None:
		for fieldname in ("night_rest_from", "night_rest_until", "midday_rest_from", "midday_rest_until"):
			value = (self.get(fieldname) or "").strip()
			if value and not re.fullmatch(r"([01]?\d|2[0-3]):[0-5]\d", value):
				frappe.throw(
					_("{0}: write the time as hours and minutes, e.g. 22:00.").format(
						_(self.meta.get_label(fieldname))
					),
					title=_("Invalid Time"),
				)
			self.set(fieldname, value)

	def validate_scope(self) -> None:
		if self.applies_to != CHOSEN:
			self.scope = []
		elif not self.scope:
			frappe.throw(
				_("Choose the districts or buildings these house rules apply to."),
				title=_("No Buildings Chosen"),
				exc=frappe.MandatoryError,
			)

	def validate_translations(self) -> None:
		seen: set[str] = set()
		for row in self.translations:
			lang = base_language(row.language)
			if lang == DEFAULT_LANGUAGE:
				frappe.throw(
					_("Row {0}: German is the master text above, not a translation.").format(row.idx),
					title=_("German Is the Master"),
					exc=DuplicateTranslationError,
				)
			if lang in seen:
				frappe.throw(
					_("Row {0}: there is already a translation into {1}.").format(
						row.idx, frappe.bold(row.language)
					),
					title=_("Duplicate Translation"),
					exc=DuplicateTranslationError,
				)
			seen.add(lang)

	def stamp_checks(self) -> None:
		"""A check entered or renewed (checked by or on changed) is a check of today's German text."""
		before = {
			row.name: row for row in (self.get_doc_before_save() or frappe._dict()).get("translations") or []
		}
		for row in self.translations:
			if not (row.checked_by and row.checked_on):
				row.checked_german_hash = None
				continue
			old = before.get(row.name)
			renewed = not old or (old.checked_by, str(old.checked_on)) != (
				row.checked_by,
				str(row.checked_on),
			)
			if renewed or not row.checked_german_hash:
				row.checked_german_hash = self.german_hash

	def set_translation_states(self) -> None:
		for row in self.translations:
			row.status = translation_status(row, self.german_hash)
		self.translations_to_check = sum(row.status == TO_BE_CHECKED for row in self.translations)
		self.translations_outdated = sum(row.status == OUTDATED for row in self.translations)


@frappe.whitelist()
def mark_translation_checked(house_rules: str, language: str, checked_by: str) -> str:
	"""A native speaker has checked the translation against today's German text."""
	doc = frappe.get_doc("House Rules", house_rules)
	doc.check_permission("write")
	row = next((row for row in doc.translations if row.language == language), None)
	if not row:
		frappe.throw(_("There is no translation into {0}.").format(frappe.bold(language)))
	row.checked_by = checked_by
	row.checked_on = nowdate()
	row.checked_german_hash = None  # stamped again by validate with the current German text
	doc.save()
	return row.status
