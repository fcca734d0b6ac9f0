from frappe import _

from mitmenschen.portal.pages import partner_context, portal_page
from mitmenschen.portal.partner_queries import action_list


@portal_page
def get_context(context):
	organisation = partner_context(context, _("Action Items"), "/partner/actions")
	context.actions = action_list(organisation)
