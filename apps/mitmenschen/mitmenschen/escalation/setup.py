"""Idempotent setup of the escalation engine (after install and migrate): indexes, the digest's
Email Template, the holiday list of the state in the settings, and the clocks and recipient kinds
its clients register.

The engine knows no client: modules register, in hooks.py, the clocks they run
(`escalation_clocks`) and the recipient kinds they resolve, each with its resolver
(`escalation_recipient_kinds`, see recipients.py); they seed their own policies and ladders.
Existing records are left as the cooperative edited them.
"""

from pathlib import Path

import frappe

from mitmenschen.escalation.digest import DIGEST_TEMPLATE
from mitmenschen.escalation.holidays import ensure_configured_holiday_list, ensure_state_setting
from mitmenschen.escalation.recipients import ASSIGNEE, ROLE, USER, registered_kinds
from mitmenschen.escalation.timers import ensure_indexes

TEMPLATES = Path(__file__).parent.parent / "templates" / "emails"


def after_migrate() -> None:
	ensure_indexes()
	ensure_email_templates()
	ensure_state_setting()
	ensure_configured_holiday_list()
	sync_registered_options()
	frappe.db.commit()


def before_uninstall() -> None:
	"""Our Email Template goes with the app; the holiday lists stay (the ERP may use them)."""
	frappe.delete_doc("Email Template", DIGEST_TEMPLATE, ignore_missing=True, force=True)


def ensure_email_templates() -> None:
	if frappe.db.exists("Email Template", DIGEST_TEMPLATE):
		return
	frappe.get_doc(
		{
			"doctype": "Email Template",
			"name": DIGEST_TEMPLATE,
			"subject": (TEMPLATES / "escalation_digest_subject.html").read_text().strip(),
			"use_html": 1,
			"response_html": (TEMPLATES / "escalation_digest.html").read_text(),
		}
	).insert(ignore_permissions=True)


# The kinds every ladder understands without a registration: the engine resolves Role and User, and
# asks each source whom it names Assignee (recipients.Resolver).
ENGINE_RECIPIENT_KINDS = [ROLE, USER]


def registered(hook: str) -> list[str]:
	"""Values the installed apps register under `hook`, in hook order, each once."""
	return list(dict.fromkeys(frappe.get_hooks(hook)))


def sync_registered_options() -> None:
	"""The rung's Select options are what the clients registered, set as Property Setters so that
	the engine's own doctype names no client."""
	options = {
		"applies_to": registered("escalation_clocks"),
		"notify": [ASSIGNEE, *registered_kinds(), *ENGINE_RECIPIENT_KINDS],
	}
	for fieldname, values in options.items():
		make_property_setter_if_changed("Escalation Rung", fieldname, "\n".join(values))


def make_property_setter_if_changed(doctype: str, fieldname: str, options: str) -> None:
	from frappe.custom.doctype.property_setter.property_setter import make_property_setter

	current = frappe.get_meta(doctype).get_field(fieldname).options
	if current != options:
		make_property_setter(
			doctype, fieldname, "options", options, "Text", validate_fields_for_doctype=False
		)
		frappe.clear_cache(doctype=doctype)


def rung(row: tuple) -> dict:
	"""A ladder row as clients write it: (clock, level, trigger, percent, hours after breach, whom, role)."""
	clock, level, trigger, percent, hours, notify, role = row
	return {
		"applies_to": clock,
		"level": level,
		"trigger": trigger,
		"percent": percent,
		"hours_after_breach": hours,
		"notify": notify,
		"role": role,
	}
