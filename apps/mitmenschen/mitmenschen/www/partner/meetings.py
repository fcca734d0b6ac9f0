from frappe import _

from mitmenschen.portal.pages import partner_context, portal_page
from mitmenschen.portal.partner_api import RSVP_ANSWERS
from mitmenschen.portal.partner_queries import meetings
from mitmenschen.rich_text import inert_html


@portal_page
def get_context(context):
	organisation = partner_context(context, _("Meetings"), "/partner/meetings")
	context.meetings = meetings(organisation)
	for meeting in context.meetings["minutes"]:
		meeting.minutes = inert_html(meeting.minutes or "")
		meeting.decisions = inert_html(meeting.decisions or "")
	context.rsvp_answers = RSVP_ANSWERS
