from frappe import _

from mitmenschen.portal.household_referrals import waiting_household_referrals
from mitmenschen.portal.pages import partner_context, portal_page
from mitmenschen.portal.partner_queries import home_summary


@portal_page
def get_context(context):
	organisation = partner_context(context, _("Partner Portal"), "/partner")
	context.summary = home_summary(organisation)
	context.household_referrals = waiting_household_referrals(organisation)
