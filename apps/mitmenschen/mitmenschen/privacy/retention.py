"""Retention (DSGVO Art. 5(1)(e), Art. 17): personal data is kept only as long as it is needed.

A daily job anonymises closed mediation cases and moved-out households once the retention periods
in Mit:Menschen Settings have passed (0 or empty switches a period off). The same functions serve an
erasure request (`mitmenschen.privacy.subject_access`).

What is personal, what stays for statistics
-------------------------------------------
The test for every field: could someone who knows the house tell *which family or person* the
record is about, or learn something about them they did not know?

Mediation Case keeps category, priority, channel, status, district, all dates and SLA figures
(opened, due times, first response, resolved, SLA status, escalation level), the referral partner
organisation with its status and dates, the recurrence link, the reporter's satisfaction rating and
the staff users who handled it (an employee's work record, not the data subject's).
It loses the free texts (subject, description, resolution and the reasons given for declining,
rejecting or overriding consent: they name people), the reporter (tenant link, name, email, phone),
the respondent household (it ties the case to one family), the property unit and the interpreter
language. A flat plus a date points at one family — neighbours know who lives there — while a
district plus a date matches many; a rare interpreter language within a district can single a
family out as well. Timestamps stay exact because without
flat, reporter and household nothing in the case points at anyone, and SLA figures need them.

Refugee Household keeps status, district, the house-rules date and who explained them (staff),
and arrival / move-in / move-out dates *reduced to the first of their month*: exact dates in a
district are the last handle by which neighbours could recognise a family ("the one that moved in
on 3 May"), months still give arrivals per month and lengths of stay.
It loses family name, members (names, relations, birth years, school/work status), country of
origin, languages and interpreter needs, the tenant link and copied tenant name (only our link:
the ERP's Customer is never touched), property unit, caseworker and volunteer buddy (who helps a
family reveals its needs), consents with their documents, and the confidential notes.

Round-table actions decided for an anonymised case lose title and details, agenda items about it
lose topic and notes (`mitmenschen.privacy.case_followups`).

A household's onboarding plan loses the children's names and skip reasons, its referrals to partners
lose the member, the family name and the free texts; steps, needs, partners, statuses and dates stay
(`mitmenschen.privacy.household_followups`).
Its early signals (`Early Signal` with the offers made) are deleted with it, trail included
(`mitmenschen.privacy.early_signals`).

For both, the trail Frappe keeps is removed as well (versions, comments, emails, files,
assignments, logs — see `mitmenschen.privacy.trail`; copies of deleted records and trail rows in
`Deleted Document` go after the shorter retention period), a portal user as owner is replaced by
Administrator, and `anonymised_on` marks the record so the job never touches it twice.

Cost at 100,000 cases: the due records are found through a composite index (anonymised_on, status,
date) — anonymised records drop out of the index range, so each day reads only what is due. Work is
done set-based in batches, committed per batch; a crash loses at most the running batch, which is
simply found again on the next run.
"""

import time

import frappe
from frappe.utils import add_days, get_first_day, getdate, now_datetime, nowdate

from mitmenschen.privacy.case_followups import anonymise_followups
from mitmenschen.privacy.channels import delete_channels, delete_notices_about, parties_of_households
from mitmenschen.privacy.early_signals import delete_household_signals
from mitmenschen.privacy.household_followups import anonymise_household_followups
from mitmenschen.privacy.trail import anonymised_text, delete_files, purge_deleted_copies, scrub_trail

SETTINGS = "Mitmenschen Settings"
CASE = "Mediation Case"
HOUSEHOLD = "Refugee Household"
CLOSED_CASE_STATUS = "Closed"
GONE_HOUSEHOLD_STATUSES = ("Moved Out", "Archived")
# records that hold personal data of families and reporters
RECORD_DOCTYPES = (CASE, HOUSEHOLD, "Round Table Action", "Round Table Meeting")
BATCH_SIZE = 200
# A daily job runs on the default queue (5 minutes); what is left over continues on the long queue.
TIME_BUDGET_SECONDS = 240

CASE_PERSONAL_FIELDS = (
	"description",
	"resolution",
	"referral_decline_reason",
	"consent_override_reason",
	"rejection_reason",
	"reporter_tenant",
	"reporter_name",
	"reporter_name_key",
	"reporter_email",
	"reporter_phone",
	"respondent_household",
	"property_unit",
	"interpreter_language",
)
HOUSEHOLD_PERSONAL_FIELDS = (
	"country_of_origin",
	"interpreter_needed",
	"interpreter_language",
	"tenant",
	"tenant_name",
	"name_key",
	"property_unit",
	"city_caseworker",
	"volunteer_buddy",
	"confidential_notes",
)
HOUSEHOLD_DATES_TO_MONTH = ("arrival_date", "move_in_date", "move_out_date")
HOUSEHOLD_CHILD_DOCTYPES = (
	"Household Member",
	"Household Consent",
	"Spoken Language",
	"House Rules Explanation",
	"House Rules Delivery",
)
# Frappe's cached copies of comments and assignments on the record itself
FRAPPE_CACHE_COLUMNS = ("_comments", "_assign", "_liked_by")


# ---- the daily job ------------------------------------------------------------------------------


def run_retention() -> dict[str, int]:
	"""Anonymise what is due, batch by batch, within a time budget; returns the counts."""
	started = time.monotonic()
	counts = {"cases": 0, "households": 0, "deleted_copies": 0}
	settings = frappe.get_cached_doc(SETTINGS)
	periods = [
		days
		for days in (settings.case_retention_days, settings.household_retention_days)
		if days and days > 0
	]
	if periods:
		# a deleted record is not needed at all: its copy goes after the shorter period
		counts["deleted_copies"] = purge_deleted_copies(
			RECORD_DOCTYPES, older_than=add_days(nowdate(), -min(periods))
		)
		frappe.db.commit()
	work = (
		("cases", settings.case_retention_days, due_cases, anonymise_cases),
		("households", settings.household_retention_days, due_households, anonymise_households),
	)
	for key, retention_days, find_due, anonymise in work:
		if not retention_days or retention_days <= 0:
			continue
		cutoff = add_days(nowdate(), -retention_days)
		while names := find_due(cutoff, BATCH_SIZE):
			anonymise(names)
			frappe.db.commit()
			counts[key] += len(names)
			if time.monotonic() - started > TIME_BUDGET_SECONDS:
				continue_later()
				return counts
	return counts


def continue_later() -> None:
	frappe.enqueue(
		"mitmenschen.privacy.retention.run_retention",
		queue="long",
		job_id="mitmenschen-retention",
		deduplicate=True,
	)


def due_cases(cutoff: str, limit: int) -> list[str]:
	"""Closed cases resolved before the cutoff day and not yet anonymised (oldest first)."""
	names = frappe.db.sql_list(
		"""select name from `tabMediation Case`
		where anonymised_on is null and status = %(status)s and resolved_on < %(cutoff)s
		order by resolved_on limit %(limit)s""",
		{"status": CLOSED_CASE_STATUS, "cutoff": cutoff, "limit": limit},
	)
	if len(names) < limit:
		# closed without a resolution timestamp (e.g. imported): the last change counts
		names += frappe.db.sql_list(
			"""select name from `tabMediation Case`
			where anonymised_on is null and status = %(status)s and resolved_on is null
			and modified < %(cutoff)s limit %(limit)s""",
			{"status": CLOSED_CASE_STATUS, "cutoff": cutoff, "limit": limit - len(names)},
		)
	return names


def due_households(cutoff: str, limit: int) -> list[str]:
	"""Moved-out or archived households gone before the cutoff day and not yet anonymised."""
	names = frappe.db.sql_list(
		"""select name from `tabRefugee Household`
		where anonymised_on is null and status in %(statuses)s and move_out_date < %(cutoff)s
		order by move_out_date limit %(limit)s""",
		{"statuses": GONE_HOUSEHOLD_STATUSES, "cutoff": cutoff, "limit": limit},
	)
	if len(names) < limit:
		# archived without ever moving in or out: the last change counts
		names += frappe.db.sql_list(
			"""select name from `tabRefugee Household`
			where anonymised_on is null and status in %(statuses)s and move_out_date is null
			and modified < %(cutoff)s limit %(limit)s""",
			{"statuses": GONE_HOUSEHOLD_STATUSES, "cutoff": cutoff, "limit": limit - len(names)},
		)
	return names


def add_retention_index(doctype: str) -> None:
	"""Composite index the daily job reads; called from the doctypes' `on_doctype_update`."""
	date_field = {CASE: "resolved_on", HOUSEHOLD: "move_out_date"}[doctype]
	frappe.db.add_index(doctype, ["anonymised_on", "status", date_field], "retention_due_idx")


# ---- anonymisation ------------------------------------------------------------------------------


def anonymise_case(name: str) -> None:
	anonymise_cases([name])


def anonymise_household(name: str) -> None:
	anonymise_households([name])


def anonymise_cases(names: list[str], include_unindexed_logs: bool = False) -> None:
	"""Overwrite the cases' personal fields, keep their statistics, remove their trail and the
	personal texts of the round-table actions and agenda items that came of them."""
	if not names:
		return
	values = cleared_values(CASE, CASE_PERSONAL_FIELDS)
	values["subject"] = anonymised_text()
	update_records(CASE, names, values)
	scrub_trail(CASE, names, include_unindexed_logs=include_unindexed_logs)
	anonymise_followups(names, include_unindexed_logs=include_unindexed_logs)
	# reporters known only on the case: their channels, consents and notices
	delete_channels([(CASE, name) for name in names], include_unindexed_logs=include_unindexed_logs)
	delete_notices_about(CASE, names, include_unindexed_logs=include_unindexed_logs)  # to anyone else


def anonymise_households(names: list[str], include_unindexed_logs: bool = False) -> None:
	"""Overwrite the households' personal fields, drop members and consents, remove their trail."""
	if not names:
		return
	parties = parties_of_households(names)  # before the tenant link is cleared
	consent_documents = frappe.get_all(
		"Household Consent",
		filters={"parenttype": HOUSEHOLD, "parent": ("in", names), "attachment": ("is", "set")},
		pluck="attachment",
	)
	for child_doctype in HOUSEHOLD_CHILD_DOCTYPES:
		frappe.db.delete(child_doctype, {"parenttype": HOUSEHOLD, "parent": ("in", names)})
	delete_files(HOUSEHOLD, names, file_urls=consent_documents)

	values = cleared_values(HOUSEHOLD, HOUSEHOLD_PERSONAL_FIELDS)
	values["family_name"] = anonymised_text()
	update_records(HOUSEHOLD, names, values)
	reduce_dates_to_month(names)
	scrub_trail(HOUSEHOLD, names, include_unindexed_logs=include_unindexed_logs)
	anonymise_household_followups(names, include_unindexed_logs=include_unindexed_logs)
	delete_household_signals(names, include_unindexed_logs=include_unindexed_logs)
	delete_channels(parties, include_unindexed_logs=include_unindexed_logs)


def cleared_values(doctype: str, fields: tuple[str, ...]) -> dict:
	"""Empty value per field: 0 for checks (NOT NULL columns), NULL otherwise; fields the doctype
	does not have (yet) are skipped."""
	meta = frappe.get_meta(doctype)
	values = {
		df.fieldname: 0 if df.fieldtype == "Check" else None
		for df in (meta.get_field(field) for field in fields)
		if df
	}
	return {**values, **dict.fromkeys(FRAPPE_CACHE_COLUMNS)}


def update_records(doctype: str, names: list[str], values: dict) -> None:
	"""One UPDATE for the batch, without a new Version (that would keep what we remove) and
	without touching `modified` (statistics may use it)."""
	values = {**values, "anonymised_on": now_datetime()}
	table = frappe.qb.DocType(doctype)
	query = frappe.qb.update(table).where(table.name.isin(names))
	for field, value in values.items():
		query = query.set(table[field], value)
	query.run()
	# a tenant who reported through the portal owns the record under their email address
	staff = frappe.qb.DocType("User")
	system_users = frappe.qb.from_(staff).select(staff.name).where(staff.user_type == "System User")
	for column in ("owner", "modified_by"):
		(
			frappe.qb.update(table)
			.set(table[column], "Administrator")
			.where(table.name.isin(names) & table[column].notin(system_users))
			.run()
		)


def reduce_dates_to_month(names: list[str]) -> None:
	rows = frappe.get_all(
		HOUSEHOLD, filters={"name": ("in", names)}, fields=["name", *HOUSEHOLD_DATES_TO_MONTH]
	)
	for row in rows:
		months = {
			field: get_first_day(getdate(row[field])) for field in HOUSEHOLD_DATES_TO_MONTH if row[field]
		}
		if months:
			frappe.db.set_value(HOUSEHOLD, row.name, months, update_modified=False)
