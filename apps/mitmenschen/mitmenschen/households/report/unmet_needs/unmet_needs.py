# Copyright (c) 2026, Mit:Menschen developers and contributors
# For license information, please see license.txt
"""Unmet Needs: each need derived from a household, with the partners that offer the matching
service in its district and language — one row per need and partner, so that a clerk refers the
household to one of them in one click. A need no partner offers nearby shows once, without partner.
"""

import frappe
from frappe import _

from mitmenschen.households.needs import matching_partners, offers, unmet_needs

DOCTYPE = "Household Referral"


def execute(filters: dict | None = None) -> tuple[list[dict], list[dict]]:
	filters = frappe._dict(filters or {})
	return get_columns(), get_data(filters)


def get_data(filters) -> list[dict]:
	household_filters = {}
	if filters.household:
		household_filters["name"] = filters.household
	if filters.district:
		household_filters["district"] = filters.district
	found = unmet_needs(household_filters)
	if filters.need:
		found = [(need, referrals) for need, referrals in found if need.need == filters.need]
	offered = offers()
	families = family_names([need.household for need, _referrals in found])
	rows = []
	for need, referrals in found:
		base = {
			"household": need.household,
			"family_name": families.get(need.household),
			"district": need.district,
			"need": need.need,
			"need_label": _(need.need),
			"member": need.member,
			"age": need.age,
			"languages": ", ".join(need.languages),
			"service_type": need.service_type,
		}
		status_by_partner = {r.partner_organisation: r for r in referrals}
		partners = matching_partners(need, offered)
		if not partners:
			rows.append({**base, "referral": referral_text(referrals)})
		for match in partners:
			referral = status_by_partner.get(match.partner_organisation)
			rows.append(
				{
					**base,
					"partner_organisation": match.partner_organisation,
					"partner_languages": ", ".join(match.languages),
					"hotline_phone": match.hotline_phone,
					"referral_status": referral.status if referral else None,
					"referral": _(referral.status, context=DOCTYPE) if referral else None,
					"household_referral": referral.name if referral else None,
				}
			)
	return rows


def referral_text(referrals: list[dict]) -> str | None:
	parts = [f"{r.partner_organisation}: {_(r.status, context=DOCTYPE)}" for r in referrals]
	return ", ".join(parts) or None


def family_names(households: list[str]) -> dict[str, str]:
	if not households:
		return {}
	return dict(
		frappe.get_all(
			"Refugee Household",
			filters={"name": ["in", list(set(households))]},
			fields=["name", "family_name"],
			as_list=True,
		)
	)


def get_columns() -> list[dict]:
	return [
		{
			"label": _("Household"),
			"fieldname": "household",
			"fieldtype": "Link",
			"options": "Refugee Household",
			"width": 130,
		},
		{"label": _("Family Name"), "fieldname": "family_name", "fieldtype": "Data", "width": 150},
		{"label": _("District"), "fieldname": "district", "fieldtype": "Data", "width": 110},
		{"label": _("Need"), "fieldname": "need_label", "fieldtype": "Data", "width": 130},
		{"label": _("Member"), "fieldname": "member", "fieldtype": "Data", "width": 130},
		{"label": _("Age"), "fieldname": "age", "fieldtype": "Int", "width": 60},
		{"label": _("Languages"), "fieldname": "languages", "fieldtype": "Data", "width": 100},
		{
			"label": _("Partner Organisation"),
			"fieldname": "partner_organisation",
			"fieldtype": "Link",
			"options": "Partner Organisation",
			"width": 200,
		},
		{
			"label": _("Partner Languages"),
			"fieldname": "partner_languages",
			"fieldtype": "Data",
			"width": 120,
		},
		{"label": _("Hot-Line Phone"), "fieldname": "hotline_phone", "fieldtype": "Data", "width": 120},
		{"label": _("Referral"), "fieldname": "referral", "fieldtype": "Data", "width": 130},
		{"label": _("Refer"), "fieldname": "refer", "fieldtype": "Data", "width": 110},
	]
