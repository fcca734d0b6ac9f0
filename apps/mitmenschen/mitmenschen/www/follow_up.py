"""/f/<case>/<signature> (and /follow-up): the reporter answers "Is the problem solved?" without a login.

The signature is checked before anything else; an invalid, expired or used link gets a page that
says so and shows nothing of the case (see mediation/follow_up.py).
"""

import frappe
from frappe import _

from mitmenschen.mediation import follow_up
from mitmenschen.portal.context import set_portal_context
from mitmenschen.portal.pages import portal_page

STATUS = {follow_up.INVALID: 404, follow_up.EXPIRED: 410, follow_up.USED: 410}


@portal_page
def get_context(context):
	form = frappe.form_dict
	case, sig = form.get("case"), form.get("sig")
	state, values = ("thanks", None) if form.get("done") else follow_up.check_link(case, sig)
	if values:
		frappe.local.lang = follow_up.reporter_lang(values)
	set_portal_context(context, _("Is the problem solved?"))
	context.nav = None
	context.no_breadcrumbs = 1
	context.state = state
	context.http_status_code = STATUS.get(state, 200)
	context.message = {
		"thanks": _("Thank you! Your answer has been recorded."),
		follow_up.INVALID: _("This link is not valid. Please check the address in your letter or email."),
		follow_up.EXPIRED: _("This link has expired. If the problem is not solved, please contact us."),
		follow_up.USED: _("This question was already answered. Thank you!"),
	}.get(state)
	if state != follow_up.VALID:
		return
	context.case_name, context.sig = values.name, sig
	context.max_comment = follow_up.MAX_COMMENT
	chosen = form.get("answer")
	context.answers = [
		{"key": key, "label": _(label), "selected": key == chosen}
		for key, (label, _r) in follow_up.ANSWERS.items()
	]
	context.texts = {
		"intro": _("You reported a problem to us, and we have closed the case. We would like to know:"),
		"comment": _("Comment (optional)"),
		"send": _("Send answer"),
	}
