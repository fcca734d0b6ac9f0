from frappe import _

from mitmenschen.portal import tenant
from mitmenschen.portal.language import language_choices, set_portal_context
from mitmenschen.portal.pages import portal_page, tenant_nav

# /report-problem: a tenant reports a problem in the language they choose (?_lang=ar).


@portal_page
def get_context(context):
	tenant_name = tenant.require_tenant()
	set_portal_context(context, _("Report a Problem"))
	context.nav = tenant_nav()
	context.active_route = "/report-problem"
	context.no_breadcrumbs = 1
	context.languages = language_choices()
	context.categories = tenant.categories()
	context.property = tenant.tenant_property(tenant_name)
	context.max_mb = tenant.uploads.MAX_UPLOAD_BYTES // (1024 * 1024)
	context.max_files = tenant.uploads.MAX_FILES_PER_REQUEST
