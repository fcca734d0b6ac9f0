from frappe import _

from mitmenschen.portal.pages import partner_context, portal_page
from mitmenschen.portal.partner_queries import referral_history, referral_inbox


@portal_page
def get_context(context):
	organisation = partner_context(context, _("Referral Inbox"), "/partner/referrals")
	context.referrals = referral_inbox(organisation)
	context.history = referral_history(organisation)
