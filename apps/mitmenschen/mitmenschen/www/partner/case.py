import frappe
from frappe import _

from mitmenschen.portal import partner_queries as queries
from mitmenschen.portal.pages import partner_context, portal_page, route_name
from mitmenschen.rich_text import inert_html

# /partner/cases/<name> (website_route_rules in hooks.py)


@portal_page
def get_context(context):
	organisation = partner_context(context, _("Case"), "/partner")
	case = queries.own_case(route_name(), organisation)
	case.description = inert_html(case.description or "")
	context.case = case
	context.title = case.subject
	context.may_answer = case.referral_status == "Requested"
	context.may_work = case.referral_status in ("Requested", "Accepted", "Done")
	context.household = queries.household_details(case.respondent_household, organisation)
	context.timeline = queries.own_comments("Mediation Case", case.name, organisation)
	context.attachments = queries.attachments("Mediation Case", case.name)
	context.languages = frappe.get_all(
		"Language", filters={"enabled": 1}, fields=["name", "language_name"], order_by="language_name asc"
	)
