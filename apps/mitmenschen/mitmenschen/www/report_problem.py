from frappe import _

from mitmenschen.portal import tenant
from mitmenschen.portal.pages import portal_page, tenant_context

# /report-problem: a tenant reports a problem in the language they choose (?_lang=ar), by pictogram and,
# instead of writing, by a voice message recorded in the browser.
MAX_VOICE_SECONDS = 300  # the recorder stops itself; five minutes of Opus stay far below the size limit


@portal_page
def get_context(context):
	tenant_name = tenant_context(context, _("Report a Problem"), "/report-problem")
	context.categories = tenant.categories()
	context.property = tenant.tenant_property(tenant_name)
	context.max_mb = tenant.uploads.MAX_UPLOAD_BYTES // (1024 * 1024)
	context.max_files = tenant.uploads.MAX_FILES_PER_REQUEST
	context.max_voice_seconds = MAX_VOICE_SECONDS
