import frappe
from frappe import _

from mitmenschen.portal import tenant
from mitmenschen.portal.guard import not_found
from mitmenschen.portal.pages import portal_page, tenant_context

# /report-received?case=…: after sending, the tenant reads in their language that the report arrived, its
# number, and what happens next. Only the tenant's own report (anything else: not found).


@portal_page
def get_context(context):
	tenant_name = tenant_context(context, _("Thank you! Your report has arrived."), "/report-problem")
	name = frappe.form_dict.get("case")
	report = next((row for row in tenant.my_reports(tenant_name) if row.name == name), None)
	if not isinstance(name, str) or not report:
		not_found("Mediation Case")
	context.report = report
