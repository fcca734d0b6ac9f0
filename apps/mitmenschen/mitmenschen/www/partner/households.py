from frappe import _

from mitmenschen.portal.household_referrals import household_referral_lists
from mitmenschen.portal.pages import partner_context, portal_page


@portal_page
def get_context(context):
	organisation = partner_context(context, _("Household Referrals"), "/partner/households")
	context.referrals = household_referral_lists(organisation)
