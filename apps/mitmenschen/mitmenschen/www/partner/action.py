from frappe import _

from mitmenschen.portal import partner_queries as queries
from mitmenschen.portal.pages import partner_context, portal_page, route_name
from mitmenschen.portal.partner_api import PARTNER_ACTION_STATUSES
from mitmenschen.rich_text import inert_html

# /partner/actions/<name> (website_route_rules in hooks.py)


@portal_page
def get_context(context):
	organisation = partner_context(context, _("Action Item"), "/partner/actions")
	action = queries.own_action(route_name(), organisation)
	action.details = inert_html(action.details or "")
	context.action = action
	context.title = action.title
	context.statuses = PARTNER_ACTION_STATUSES
	context.timeline = queries.own_comments("Round Table Action", action.name, organisation)
	context.attachments = queries.attachments("Round Table Action", action.name)
