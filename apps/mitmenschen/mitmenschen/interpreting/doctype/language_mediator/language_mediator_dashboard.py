"""Connections panel: the mediator's contact channels (where their appointment reminders go)."""

from frappe import _


def get_data() -> dict:
	return {
		"fieldname": "party",
		"dynamic_links": {"party": ["Language Mediator", "party_doctype"]},
		"transactions": [{"label": _("Contact Channels"), "items": ["Contact Channels"]}],
	}
