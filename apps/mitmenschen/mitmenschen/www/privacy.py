import frappe
from frappe import _

from mitmenschen.early_signals.settings import arrears_purpose
from mitmenschen.portal.context import set_portal_context
from mitmenschen.portal.pages import portal_page
from mitmenschen.rich_text import inert_html

# /privacy: the privacy notice the portal's frame links to; open to guests (read before logging in).


@portal_page
def get_context(context):
	set_portal_context(context, _("Privacy notice"))
	context.nav = None
	context.no_breadcrumbs = 1
	context.cooperative_notice = inert_html(
		frappe.get_cached_doc("Mitmenschen Settings").privacy_notice or ""
	)
	context.arrears_purpose = arrears_purpose()  # while the arrears signal is on (early_signals)
