from frappe import _

from mitmenschen.portal.pages import partner_context, portal_page
from mitmenschen.portal.partner_queries import profile, profile_choices


@portal_page
def get_context(context):
	organisation = partner_context(context, _("Organisation Profile"), "/partner/profile")
	context.profile = profile(organisation)
	context.choices = profile_choices()
	context.language_names = {choice["name"]: choice["label"] for choice in context.choices["languages"]}
	# the form starts from the pending proposal if there is one, else from the approved profile
	context.current = context.profile["pending"] or context.profile["organisation"]
