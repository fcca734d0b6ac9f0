"""Who helps with what, in which language, where: the round table's question as a function.

`find_partners` serves the Partner Finder report and intake alike. An Active organisation matches
when it serves the district (or serves the whole city: no districts listed), speaks the language
(itself or through one of its contacts), offers the service, and for a category either has a
hot-line assignment for it or offers a service the category asks for. The responsible contact
comes from the hot-line matrix: a row for the district beats a row for all districts.
"""

from dataclasses import asdict, dataclass, field

import frappe

ACTIVE = "Active"
ORGANISATION = "Partner Organisation"


@dataclass
class PartnerMatch:
	partner_organisation: str
	organisation_type: str
	contact: str | None = None
	contact_name: str | None = None
	deputy: str | None = None
	phone: str | None = None
	email: str | None = None
	hotline_phone: str | None = None
	hotline_email: str | None = None
	languages: list[str] = field(default_factory=list)
	services: list[str] = field(default_factory=list)
	districts: list[str] = field(default_factory=list)
	specificity: int = 0  # 2: hot line for this district, 1: hot line for all districts, 0: by offer

	def as_dict(self) -> dict:
		return asdict(self)


def find_partners(
	category: str | None = None,
	district: str | None = None,
	language: str | None = None,
	service_type: str | None = None,
) -> list[PartnerMatch]:
	category_services = set(_category_services(category)) if category else set()
	organisations = _candidates(category, category_services, district, language, service_type)
	if not organisations:
		return []
	names = [org.name for org in organisations]
	services = _children("Partner Service", "services", names, "service_type")
	languages = _children(
		"Spoken Language", "languages", names, "language", parenttype="Partner Organisation"
	)
	districts = _children("Partner District", "districts", names, "district")
	contact_languages = _contact_languages(names)
	hotline = _hotline_rows(names, category) if category else {}

	contacts = _contact_details([row.contact for rows in hotline.values() for row in rows])
	own_contacts = _organisation_contacts(names)
	matches = []
	for org in organisations:
		spoken = languages.get(org.name, set()) | contact_languages.get(org.name, set())
		if language and language not in spoken:
			continue
		served = districts.get(org.name, set())
		if district and served and district not in served:
			continue
		offered = services.get(org.name, set())
		if service_type and service_type not in offered:
			continue
		row, specificity = _best_hotline_row(hotline.get(org.name, []), district)
		if category and not row and not (category_services & offered):
			continue
		match = PartnerMatch(
			partner_organisation=org.name,
			organisation_type=org.organisation_type,
			hotline_phone=org.hotline_phone,
			hotline_email=org.hotline_email,
			languages=sorted(spoken),
			services=sorted(offered),
			districts=sorted(served),
			specificity=specificity,
		)
		if row:
			_add_contact(match, contacts.get(row.contact, {}), row.contact, row.deputy)
		elif own := own_contacts.get(org.name):
			# no hot-line row decides (no category asked, or matched by offer): the organisation's own
			# hot-line contact, else its first active contact, so the finder still says whom to call
			_add_contact(match, own, own.name, own.deputy)
		matches.append(match)
	matches.sort(key=lambda m: (-m.specificity, m.partner_organisation))
	return matches


def get_responsible_contact(category: str, district: str | None = None, language: str | None = None):
	"""The hot-line contact intake should notify first, or None when nobody is responsible."""
	for match in find_partners(category=category, district=district, language=language):
		if match.contact and match.specificity:  # a hot-line row for the category, not just a contact
			return match
	return None


def _candidates(
	category: str | None,
	category_services: set[str],
	district: str | None,
	language: str | None,
	service_type: str | None,
) -> list[dict]:
	"""The Active organisations that can match, each filter as a subquery: the children below are then
	read for these few only, not for every organisation (a city has hundreds). The loop in
	`find_partners` checks the same rules again on the children it reads."""
	org = frappe.qb.DocType(ORGANISATION)
	query = (
		frappe.qb.from_(org)
		.select(org.name, org.organisation_type, org.hotline_phone, org.hotline_email)
		.where(org.status == ACTIVE)
		.orderby(org.name)
	)
	if district:
		served = frappe.qb.DocType("Partner District")
		serving = frappe.qb.from_(served).select(served.parent).where(_child_of(served, "districts"))
		query = query.where(
			org.name.notin(serving) | org.name.isin(serving.where(served.district == district))
		)
	if language:
		spoken, contact = frappe.qb.DocType("Spoken Language"), frappe.qb.DocType("Partner Contact")
		itself = (
			frappe.qb.from_(spoken)
			.select(spoken.parent)
			.where(_child_of(spoken, "languages") & (spoken.language == language))
		)
		through_contacts = (
			frappe.qb.from_(spoken)
			.join(contact)
			.on(spoken.parent == contact.name)
			.select(contact.partner_organisation)
			.where(
				(spoken.parenttype == "Partner Contact")
				& (contact.active == 1)
				& (spoken.language == language)
			)
		)
		query = query.where(org.name.isin(itself) | org.name.isin(through_contacts))
	service = frappe.qb.DocType("Partner Service")
	offering = frappe.qb.from_(service).select(service.parent).where(_child_of(service, "services"))
	if service_type:
		query = query.where(org.name.isin(offering.where(service.service_type == service_type)))
	if category:
		line = frappe.qb.DocType("Hotline Assignment")
		on_the_line = (
			frappe.qb.from_(line)
			.select(line.parent)
			.where((line.parenttype == ORGANISATION) & (line.case_category == category))
		)
		condition = org.name.isin(on_the_line)
		if category_services:
			condition |= org.name.isin(offering.where(service.service_type.isin(list(category_services))))
		query = query.where(condition)
	return query.run(as_dict=True)


def _child_of(table, parentfield: str):
	return (table.parenttype == ORGANISATION) & (table.parentfield == parentfield)


def _children(doctype: str, parentfield: str, parents: list[str], column: str, parenttype: str | None = None):
	rows = frappe.get_all(
		doctype,
		filters={
			"parent": ["in", parents],
			"parentfield": parentfield,
			"parenttype": parenttype or "Partner Organisation",
		},
		fields=["parent", column],
	)
	result: dict[str, set[str]] = {}
	for row in rows:
		result.setdefault(row.parent, set()).add(row[column])
	return result


def _contact_languages(organisations: list[str]) -> dict[str, set[str]]:
	contact = frappe.qb.DocType("Partner Contact")
	spoken = frappe.qb.DocType("Spoken Language")
	rows = (
		frappe.qb.from_(spoken)
		.join(contact)
		.on(spoken.parent == contact.name)
		.select(contact.partner_organisation, spoken.language)
		.where(spoken.parenttype == "Partner Contact")
		.where(contact.active == 1)
		.where(contact.partner_organisation.isin(organisations))
	).run(as_dict=True)
	result: dict[str, set[str]] = {}
	for row in rows:
		result.setdefault(row.partner_organisation, set()).add(row.language)
	return result


def _hotline_rows(organisations: list[str], category: str) -> dict[str, list]:
	rows = frappe.get_all(
		"Hotline Assignment",
		filters={
			"parent": ["in", organisations],
			"parenttype": "Partner Organisation",
			"case_category": category,
		},
		fields=["parent", "district", "contact", "deputy"],
		order_by="idx asc",
	)
	result: dict[str, list] = {}
	for row in rows:
		result.setdefault(row.parent, []).append(row)
	return result


def _best_hotline_row(rows: list, district: str | None):
	for row in rows:
		if district and row.district == district:
			return row, 2
	for row in rows:
		if not row.district:
			return row, 1
	if rows and not district:
		return rows[0], 1
	return None, 0


def _category_services(category: str) -> list[str]:
	return frappe.get_all(
		"Partner Service",
		filters={"parent": category, "parenttype": "Case Category", "parentfield": "service_types"},
		pluck="service_type",
	)


def _contact_details(contacts: list[str]) -> dict[str, dict]:
	"""Name, phone and email of the hot-line contacts, in one query for all matches."""
	if not contacts:
		return {}
	rows = frappe.get_all(
		"Partner Contact",
		filters={"name": ["in", list(set(contacts))]},
		fields=["name", "full_name", "phone", "email"],
	)
	return {row.name: row for row in rows}


def _organisation_contacts(organisations: list[str]) -> dict[str, dict]:
	"""Per organisation its hot-line contact (else its first active one), in one query for all."""
	rows = frappe.get_all(
		"Partner Contact",
		filters={"partner_organisation": ["in", organisations], "active": 1},
		fields=["name", "partner_organisation", "full_name", "phone", "email", "deputy"],
		order_by="is_hotline desc, creation asc",
	)
	result: dict[str, dict] = {}
	for row in rows:
		result.setdefault(row.partner_organisation, row)
	return result


def _add_contact(match: PartnerMatch, details: dict, contact: str, deputy: str | None) -> None:
	match.contact = contact
	match.contact_name = details.get("full_name")
	match.phone = details.get("phone")
	match.email = details.get("email")
	match.deputy = deputy
