"""Phone numbers in one form, E.164 (+4917612345678), through Google's libphonenumber (`phonenumbers`):
a number typed as 0176 123 45 67 by a clerk and the +49 176… that WhatsApp reports for the same phone
must be the same number, or a reply lands nowhere and a STOP withdraws nothing."""

import frappe
import phonenumbers
from frappe import _

DEFAULT_REGION = "DE"


class InvalidNumberError(frappe.ValidationError):
	pass


def normalise(number: str | None, region: str | None = None) -> str | None:
	"""The number in E.164, None for no number; a number that cannot be a phone's gets a clear error."""
	text = (number or "").strip()
	if not text:
		return None
	if text[0].isdigit() and not text.startswith("0") and len(text) > 10:
		text = "+" + text  # the Cloud API reports numbers without "+": 4917612345678
	try:
		parsed = phonenumbers.parse(text, (region or DEFAULT_REGION).upper())
	except phonenumbers.NumberParseException:
		parsed = None
	if not parsed or not phonenumbers.is_valid_number(parsed):
		frappe.throw(
			_("{0} is not a valid phone number. Write it with the country code, e.g. +49 176 12345678.").format(
				frappe.bold(number)
			),
			title=_("Invalid Phone Number"),
			exc=InvalidNumberError,
		)
	return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def same_number(number: str | None, region: str | None = None) -> str | None:
	"""E.164 for a number from outside (a webhook): None instead of an error when it is no number."""
	try:
		return normalise(number, region)
	except InvalidNumberError:
		frappe.clear_last_message()
		return None
