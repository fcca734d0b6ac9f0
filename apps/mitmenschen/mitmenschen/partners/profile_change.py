"""Partners keep their own profile current, but the partner finder shows only what a clerk approved:
a portal edit becomes a Partner Profile Change, and approving it copies the values over."""

import frappe
from frappe import _
from frappe.utils import cstr, now_datetime

from mitmenschen.erp.records import get_property_doctype

DOCTYPE = "Partner Profile Change"
SCALAR_FIELDS = ("hotline_phone", "hotline_email", "website", "description")


class ProfileChangeError(frappe.ValidationError):
	pass


def submit_profile_change(
	organisation: str,
	services: list[str],
	languages: list[str],
	districts: list[str],
	**values: str,
) -> str:
	"""Record a proposed profile; a still pending earlier proposal is replaced, not stacked."""
	validate_choices("Service Type", services, _("Services Offered"))
	validate_choices("Language", languages, _("Languages"))
	validate_choices(get_property_doctype(), districts, _("Districts Served"))
	validate_website(values.get("website"))
	proposal = as_profile(services, languages, districts, values)
	refuse_empty_or_unchanged(organisation, proposal)
	pending = pending_change(organisation)
	doc = frappe.get_doc(DOCTYPE, pending) if pending else frappe.new_doc(DOCTYPE)
	doc.update(
		{
			"partner_organisation": organisation,
			"status": "Pending",
			"requested_by": frappe.session.user,
			"requested_on": now_datetime(),
			**{field: values.get(field) or None for field in SCALAR_FIELDS},
		}
	)
	doc.set("services", [{"service_type": s} for s in services])
	doc.set("languages", [{"language": code} for code in languages])
	doc.set("districts", [{"property_doctype": get_property_doctype(), "district": d} for d in districts])
	doc.flags.ignore_permissions = True
	doc.save()
	return doc.name


def validate_choices(doctype: str, names: list[str], label: str) -> None:
	if not names:
		return
	known = set(frappe.get_all(doctype, filters={"name": ["in", names]}, pluck="name"))
	unknown = [n for n in names if n not in known]
	if unknown:
		frappe.throw(
			_("{0}: unknown entries {1}.").format(label, ", ".join(unknown)),
			title=_("Invalid Input"),
			exc=ProfileChangeError,
		)


def validate_website(website: str | None) -> None:
	"""Only web addresses: a `javascript:` link in the partner finder would run in a clerk's browser."""
	if website and not website.lower().startswith(("https://", "http://")):
		frappe.throw(
			_("Website: please give an address that starts with https:// or http://."),
			title=_("Invalid Input"),
			exc=ProfileChangeError,
		)


def as_profile(services: list[str], languages: list[str], districts: list[str], values: dict) -> dict:
	"""A profile in a form two profiles can be compared in: the order of ticked boxes is no change."""
	return {
		"services": sorted(set(services)),
		"languages": sorted(set(languages)),
		"districts": sorted(set(districts)),
		**{field: cstr(values.get(field)).strip() for field in SCALAR_FIELDS},
	}


def approved_profile(organisation: str) -> dict:
	doc = frappe.get_doc("Partner Organisation", organisation)
	return as_profile(
		[row.service_type for row in doc.services],
		[row.language for row in doc.languages],
		[row.district for row in doc.districts],
		{field: doc.get(field) for field in SCALAR_FIELDS},
	)


def refuse_empty_or_unchanged(organisation: str, proposal: dict) -> None:
	"""A clerk gets a request only when there is something to approve."""
	if not any(proposal.values()):
		frappe.throw(
			_(
				"The proposal is empty: please give at least one service, language, district or contact detail."
			),
			title=_("Missing Input"),
			exc=ProfileChangeError,
		)
	if proposal == approved_profile(organisation):
		frappe.throw(
			_(
				"The proposal is the same as the profile the partner finder shows: there is nothing to approve."
			),
			title=_("No Change"),
			exc=ProfileChangeError,
		)


def pending_change(organisation: str) -> str | None:
	return frappe.db.get_value(DOCTYPE, {"partner_organisation": organisation, "status": "Pending"}, "name")


def apply_profile_change(change) -> None:
	"""Copy an approved proposal into the organisation the partner finder reads."""
	organisation = frappe.get_doc("Partner Organisation", change.partner_organisation)
	organisation.update({field: change.get(field) for field in SCALAR_FIELDS})
	organisation.set("services", [{"service_type": row.service_type} for row in change.services])
	organisation.set("languages", [{"language": row.language} for row in change.languages])
	organisation.set(
		"districts",
		[{"property_doctype": row.property_doctype, "district": row.district} for row in change.districts],
	)
	organisation.save()
