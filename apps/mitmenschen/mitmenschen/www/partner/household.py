from frappe import _

from mitmenschen.portal.household_referrals import own_household_referral, referral_details
from mitmenschen.portal.pages import partner_context, portal_page, route_name

# /partner/households/<name> (website_route_rules in hooks.py)


@portal_page
def get_context(context):
	organisation = partner_context(context, _("Household Referral"), "/partner/households")
	row = own_household_referral(route_name(), organisation)
	context.referral = row
	context.title = _("Household Referral {0}").format(row.name)
	context.household = referral_details(row, organisation)
