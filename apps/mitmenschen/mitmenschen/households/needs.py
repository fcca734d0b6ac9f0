"""What a household needs, derived from what we already know of it, and who offers it nearby.

"Ist eventuell schon alles da? Nur wo?" — the help usually exists; the question is where. A need is
derived, not typed in, from the members' birth years and their school/kindergarten/work status and
from the household's interpreter flag (the age is the age reached this year):

- Kindergarten Place: a child of 1 to 5 that is neither in kindergarten nor at school;
- School Place: a child of 6 to 17 that is neither at school nor in vocational training (at 6 a
  kindergarten place still counts: the child may start school next summer);
- Language Course: a member of 18 or more that is not in a language course and does not list German
  among their languages;
- Interpreter: the household needs an interpreter (in its interpreter language).

Each need maps to a Service Type of the partner directory (NEED_SERVICE_TYPES; the setup makes them
exist) and is matched to Active partners offering it in the household's district (or city-wide) and
speaking one of the household's languages. A need stops counting as unmet when a referral for it is
done; the referrals (`Household Referral`: need, status, dates) keep needs referred and met queryable.
"""

from collections import defaultdict
from dataclasses import dataclass, field

import frappe
from frappe.utils import getdate, nowdate

from mitmenschen.partners.routing import PartnerMatch, find_partners

KINDERGARTEN_PLACE, SCHOOL_PLACE = "Kindergarten Place", "School Place"
INTERPRETER, LANGUAGE_COURSE = "Interpreter", "Language Course"
NEEDS = (KINDERGARTEN_PLACE, SCHOOL_PLACE, INTERPRETER, LANGUAGE_COURSE)
NEED_SERVICE_TYPES = {
	KINDERGARTEN_PLACE: "Kinderbetreuung",
	SCHOOL_PLACE: "Schulanmeldung",
	INTERPRETER: "Dolmetschen",
	LANGUAGE_COURSE: "Sprachkurs",
}
KINDERGARTEN_AGES = range(1, 6)
SCHOOL_AGES = range(6, 18)
ADULT_AGE = 18
HAS_KINDERGARTEN_PLACE = frozenset({"Kindergarten", "School"})
HAS_SCHOOL_PLACE = frozenset({"School", "Vocational Training"})
IN_LANGUAGE_COURSE = "Language Course"
GERMAN_WORDS = frozenset({"de", "deutsch", "german"})
LIVING_HERE = ("Allocation Approved", "Moved In", "Settled")
OPEN_REFERRAL, DONE = ("Requested", "Accepted"), "Done"


@dataclass(frozen=True)
class Member:
	member_name: str
	birth_year: int | None = None
	occupation_status: str | None = None
	languages: str | None = None


@dataclass
class HouseholdFacts:
	name: str
	family_name: str = ""
	district: str | None = None
	languages: list[str] = field(default_factory=list)
	interpreter_needed: bool = False
	interpreter_language: str | None = None
	members: list[Member] = field(default_factory=list)


@dataclass(frozen=True)
class Need:
	household: str
	need: str
	member: str | None = None
	age: int | None = None
	district: str | None = None
	languages: tuple[str, ...] = ()

	@property
	def service_type(self) -> str:
		return NEED_SERVICE_TYPES[self.need]

	@property
	def key(self) -> tuple[str, str, str]:
		return (self.household, self.need, self.member or "")


def service_type_for(need: str) -> str | None:
	return NEED_SERVICE_TYPES.get(need)


# ---- derivation: plain functions of the facts ----------------------------------------------------


def derive_needs(household: HouseholdFacts, year: int | None = None) -> list[Need]:
	year = year or getdate(nowdate()).year
	languages = tuple(household.languages)
	common = {"household": household.name, "district": household.district, "languages": languages}
	needs = []
	for member in household.members:
		need = member_need(member, year)
		if need:
			needs.append(Need(need=need, member=member.member_name, age=age_of(member, year), **common))
	if household.interpreter_needed:
		interpreter_languages = (
			(household.interpreter_language,) if household.interpreter_language else languages
		)
		needs.append(Need(need=INTERPRETER, **{**common, "languages": interpreter_languages}))
	return needs


def member_need(member: Member, year: int) -> str | None:
	age = age_of(member, year)
	if age is None:
		return None
	status = member.occupation_status or ""
	if age in KINDERGARTEN_AGES:
		return None if status in HAS_KINDERGARTEN_PLACE else KINDERGARTEN_PLACE
	if age in SCHOOL_AGES:
		has_place = HAS_SCHOOL_PLACE | (HAS_KINDERGARTEN_PLACE if age == SCHOOL_AGES.start else set())
		return None if status in has_place else SCHOOL_PLACE
	if age >= ADULT_AGE and status != IN_LANGUAGE_COURSE and not speaks_german(member.languages):
		return LANGUAGE_COURSE
	return None


def age_of(member: Member, year: int) -> int | None:
	return year - member.birth_year if member.birth_year else None


def speaks_german(languages: str | None) -> bool:
	words = {w.strip().lower() for w in (languages or "").replace(";", ",").replace("/", ",").split(",")}
	return bool(words & GERMAN_WORDS)


# ---- matching: the partner directory, loaded once per report -------------------------------------


def offers() -> dict[str, list[PartnerMatch]]:
	"""Active partners offering each need's service (any district, any language): 4 lookups in all,
	whatever the number of households; the district and language are filtered per need."""
	return {need: find_partners(service_type=service) for need, service in NEED_SERVICE_TYPES.items()}


def matching_partners(need: Need, offered: dict[str, list[PartnerMatch]]) -> list[PartnerMatch]:
	"""Partners offering the need's service in its district (or city-wide) in one of its languages."""
	return [
		match
		for match in offered.get(need.need, [])
		if (not match.districts or need.district in match.districts)
		and (not need.languages or set(need.languages) & set(match.languages))
	]


# ---- loading: households in bulk (a fixed number of queries for any number of households) ---------


def load_households(filters: dict | None = None) -> list[HouseholdFacts]:
	base = {"status": ["in", LIVING_HERE], "anonymised_on": ["is", "not set"]}
	rows = frappe.get_list(
		"Refugee Household",
		filters={**base, **(filters or {})},
		fields=["name", "family_name", "district", "interpreter_needed", "interpreter_language"],
		order_by="name asc",
		limit_page_length=0,
	)
	if not rows:
		return []
	names = [row.name for row in rows]
	members: dict[str, list[Member]] = defaultdict(list)
	for m in frappe.get_all(
		"Household Member",
		filters={"parent": ["in", names], "parenttype": "Refugee Household"},
		fields=["parent", "member_name", "birth_year", "occupation_status", "languages"],
		order_by="parent asc, idx asc",
	):
		members[m.parent].append(Member(m.member_name, m.birth_year, m.occupation_status, m.languages))
	languages: dict[str, list[str]] = defaultdict(list)
	for lang in frappe.get_all(
		"Spoken Language",
		filters={"parent": ["in", names], "parenttype": "Refugee Household", "parentfield": "languages"},
		fields=["parent", "language"],
		order_by="parent asc, idx asc",
	):
		languages[lang.parent].append(lang.language)
	return [
		HouseholdFacts(
			name=row.name,
			family_name=row.family_name,
			district=row.district,
			languages=languages.get(row.name, []),
			interpreter_needed=bool(row.interpreter_needed),
			interpreter_language=row.interpreter_language,
			members=members.get(row.name, []),
		)
		for row in rows
	]


def referrals_by_need(households: list[str]) -> dict[tuple[str, str, str], list[dict]]:
	if not households:
		return {}
	rows = frappe.get_all(
		"Household Referral",
		filters={"household": ["in", households]},
		fields=["name", "household", "need", "referred_member", "partner_organisation", "status"],
		order_by="creation asc",
	)
	result: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
	for row in rows:
		result[(row.household, row.need, row.referred_member or "")].append(row)
	return result


def unmet_needs(filters: dict | None = None, year: int | None = None) -> list[tuple[Need, list[dict]]]:
	"""Every derived need without a referral done, with the referrals it has."""
	households = load_households(filters)
	referrals = referrals_by_need([h.name for h in households])
	result = []
	for household in households:
		for need in derive_needs(household, year):
			own = referrals.get(need.key, [])
			if not any(r.status == DONE for r in own):
				result.append((need, own))
	return result


def needs_figures(year: int | None = None) -> dict[str, dict[str, int]]:
	"""Per need: how many are found now (derived, none met yet), referred (open) and met (done).
	The round table's figures count these."""
	figures = {need: {"found": 0, "referred": 0, "met": 0} for need in NEEDS}
	for need, referrals in unmet_needs(year=year):
		figures[need.need]["found"] += 1
		if any(r.status in OPEN_REFERRAL for r in referrals):
			figures[need.need]["referred"] += 1
	for row in frappe.get_all(
		"Household Referral", filters={"status": DONE}, fields=["need", "count(*) as n"], group_by="need"
	):
		if row.need in figures:
			figures[row.need]["met"] = row.n
	return figures
