"""The context every portal page starts from: access check, language and direction, navigation."""

import functools

import frappe
from frappe import _

from mitmenschen.portal.context import set_portal_context
from mitmenschen.portal.guard import require_partner_organisation
from mitmenschen.portal.tenant import require_tenant

ERROR_TEMPLATE = "mitmenschen/templates/portal/error.html"
EXPECTED = (frappe.PermissionError, frappe.PageDoesNotExistError, frappe.Redirect)


def portal_page(get_context):
	"""Wrap a page's get_context: refusals become Frappe's 403/404 pages; anything unexpected is
	logged and the user sees a plain apology in their language with status 500, never a stack trace
	(Frappe's error page prints one whenever tracebacks are allowed)."""

	@functools.wraps(get_context)
	def wrapper(context):
		try:
			return get_context(context)
		except EXPECTED:
			raise
		except frappe.DoesNotExistError as e:
			raise frappe.PageDoesNotExistError(str(e)) from None
		except Exception:
			frappe.log_error(title=f"Portal page {frappe.local.request.path if frappe.request else ''}")
			frappe.db.rollback()
			set_portal_context(context, _("Something went wrong"))
			context.template = ERROR_TEMPLATE
			context.nav = None
			context.http_status_code = 500

	return wrapper


def partner_nav() -> list[dict]:
	return [
		{"route": "/partner", "label": _("Overview")},
		{"route": "/partner/referrals", "label": _("Referrals")},
		{"route": "/partner/households", "label": _("Household Referrals")},
		{"route": "/partner/actions", "label": _("Action Items")},
		{"route": "/partner/meetings", "label": _("Meetings")},
		{"route": "/partner/profile", "label": _("Organisation Profile")},
	]


def partner_context(context, title: str, active: str) -> str:
	"""Check access first (a 403 page renders nothing of ours), then set up the page."""
	organisation = require_partner_organisation()
	set_portal_context(context, title)
	context.organisation = organisation
	context.nav = partner_nav()
	context.active_route = active
	context.no_breadcrumbs = 1
	return organisation


def tenant_context(context, title: str, active: str) -> str:
	"""The tenant pages' counterpart of `partner_context`: access first, then the page."""
	tenant = require_tenant()
	set_portal_context(context, title)
	context.nav = tenant_nav()
	context.active_route = active
	context.no_breadcrumbs = 1
	return tenant


def tenant_nav() -> list[dict]:
	return [
		{"route": "/report-problem", "label": _("Report a Problem")},
		{"route": "/my-reports", "label": _("My Reports")},
	]


def route_name() -> str | None:
	"""The `<name>` of a dynamic route (website_route_rules pass it in the form dict)."""
	name = frappe.form_dict.get("name")
	return name if isinstance(name, str) and name else None
