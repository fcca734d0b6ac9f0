"""The family's reminder of an appointment with an interpreter, in the family's own language (a reader
file: translated into every portal language, see translations/coverage.py)."""

from frappe import _
from frappe.utils import format_date, format_time

from mitmenschen.language import language_name, text_direction
from mitmenschen.outbound.templates import TemplateSet


def family_texts(lang: str) -> tuple[str, str]:
	subject = _("Reminder: your appointment tomorrow with an interpreter", lang=lang)
	lines = [
		_("Hello,", lang=lang),
		_("tomorrow, {0} at {1}, you have an appointment with the cooperative.", lang=lang).format(
			"{{ date }}", "{{ time }}"
		),
		_("An interpreter for {0} will be there to help.", lang=lang).format("{{ language }}"),
		"{% if in_person %}"
		+ _("Place: {0}", lang=lang).format("{{ where }}")
		+ "{% else %}"
		+ _("By phone or video: {0}", lang=lang).format("{{ where }}")
		+ "{% endif %}",
		_("If you cannot come, please call {0}.", lang=lang).format("{{ clerk_phone }}"),
	]
	body = "".join(f"<p>{line}</p>" for line in lines)
	return subject, f'<div lang="{lang}" dir="{text_direction(lang)}">{body}</div>'


FAMILY_TEMPLATES = TemplateSet("Mit:Menschen Interpreter Reminder – Family", family_texts)


def family_context(booking) -> dict:
	"""Only what the family needs: when, where, the language (named in its own script), whom to call."""
	in_person = booking.mode == "In Person"
	return {
		"date": format_date(booking.date, "dd.MM.yyyy"),
		"time": format_time(booking.start_time, "HH:mm"),
		"in_person": in_person,
		"where": (booking.place if in_person else booking.call_link) or "",
		"language": language_name(booking.interpreter_language, booking.interpreter_language),  # in its own script
		"clerk_phone": booking.clerk_phone or "",
	}
