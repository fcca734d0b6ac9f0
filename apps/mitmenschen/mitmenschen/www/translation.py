"""/t/<translation>/<signature>: a mediator translates a short text, without a login. The page is German
(the pool's mediators speak German) and shows only the text; see interpreting/mediator_page.py."""

import frappe

from mitmenschen.interpreting import mediator_page
from mitmenschen.portal.context import set_portal_context
from mitmenschen.portal.pages import portal_page


@portal_page
def get_context(context):
	frappe.local.lang = mediator_page.LANG
	form = frappe.form_dict
	set_portal_context(context, mediator_page.title())
	context.nav = None
	context.no_breadcrumbs = 1
	context.update(mediator_page.translation_page(form.get("translation"), form.get("sig")))
