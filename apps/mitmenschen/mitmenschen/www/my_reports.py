from frappe import _

from mitmenschen.portal import tenant
from mitmenschen.portal.pages import portal_page, tenant_context

# /my-reports: the status of the tenant's own reports, never anyone else's.


@portal_page
def get_context(context):
	tenant_name = tenant_context(context, _("My Reports"), "/my-reports")
	context.reports = tenant.my_reports(tenant_name)
