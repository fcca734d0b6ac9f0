from frappe import _
from frappe.utils import sanitize_html

from mitmenschen.portal.pages import partner_context, portal_page
from mitmenschen.portal.partner_api import RSVP_ANSWERS
from mitmenschen.portal.partner_queries import meetings


@portal_page
def get_context(context):
	organisation = partner_context(context, _("Meetings"), "/partner/meetings")
	context.meetings = meetings(organisation)
	for meeting in context.meetings["minutes"]:
		meeting.minutes = sanitize_html(meeting.minutes or "")
		meeting.decisions = sanitize_html(meeting.decisions or "")
	context.rsvp_answers = RSVP_ANSWERS
