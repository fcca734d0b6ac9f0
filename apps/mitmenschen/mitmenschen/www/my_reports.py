from frappe import _

from mitmenschen.portal import tenant
from mitmenschen.portal.language import language_choices, set_portal_context
from mitmenschen.portal.pages import portal_page, tenant_nav

# /my-reports: the status of the tenant's own reports, never anyone else's.


@portal_page
def get_context(context):
	tenant_name = tenant.require_tenant()
	set_portal_context(context, _("My Reports"))
	context.nav = tenant_nav()
	context.active_route = "/my-reports"
	context.no_breadcrumbs = 1
	context.languages = language_choices()
	context.reports = tenant.my_reports(tenant_name)
