"""The clerks' desk at 100,000 cases: every staff path beside the platform's nearest equivalent.

	bench --site <site> execute mitmenschen.benchmarks.staff.run
	bench --site <site> execute mitmenschen.benchmarks.staff.run --kwargs "{'cases': 20000, 'repeat': 50}"

Seeds `cases` Mediation Cases (default 100,000) and, in proportion, households and tenants (one per
20 cases), partner organisations with contacts, services, languages, districts and hot lines (one per
500), meetings (one per 500), round-table actions (one per 10), escalation timers (two per open case),
assignments (one ToDo per case) and communications (one per case; a few dozen, with as many versions,
on the case whose form is opened) — all by bulk insert (benchmarks/seed.py). The platform gets the
same rows on its own doctypes: ERPNext Issues for cases (status, assignee, customer, SLA status and
issue type spread like our status, assignee, district, SLA status and category), Customers for
households (the tenants are Customers too), Suppliers for partner organisations and Tasks for actions.

Then every path a clerk takes is called the way the desk calls it (the whitelisted method, with our
overrides of Frappe's methods in force), `repeat` times each, interleaved with its platform twin, as a
user with only the Mit:Menschen Clerk role against a user with only ERPNext's roles (Support Team,
Sales User, Purchase User, Projects User). It prints p50/p95 of both and the ratio of the p95s
(target at most 1.5), and the SQL queries of the form load before and after seeding (they must not
grow with the data). Everything seeded carries the BENCH-STAFF prefix and is deleted at the end, also
when the run fails.
"""

import json
import time
from collections.abc import Callable
from dataclasses import dataclass

import frappe
from frappe.utils import add_days, add_to_date, now_datetime, nowdate

from mitmenschen.benchmarks.isolation import percentile
from mitmenschen.benchmarks.seed import bulk, seed_cases, seed_organisations
from mitmenschen.install import ensure_escalation
from mitmenschen.tests.factories import make_category, make_location

PREFIX = "BENCH-STAFF"
CLERK = "bench-staff-clerk@bench.example"
PLATFORM = "bench-staff-platform@bench.example"
PLATFORM_ROLES = ("Support Team", "Sales User", "Purchase User", "Projects User")
ASSIGNEES = 10  # the measured user is one of them: a tenth of all cases is "assigned to me"
CATEGORIES = 9
DISTRICTS = 10
TIMELINE = 36  # communications and versions on the opened case

# case status i % 10 and its Issue twin: 60 % closed, like a desk after some years
CASE_STATUS = ["New", "Triaged", "In Mediation", "Resolution Proposed", *["Closed"] * 5, "Reopened"]
ISSUE_STATUS = ["Open", "Replied", "On Hold", "Resolved", *["Closed"] * 5, "Open"]
OPEN_SLA = [("On Track", "First Response Due"), ("Warning", "Resolution Due"), ("Breached", "Failed")]
CLOSED_SLA = ("Met", "Fulfilled")
STD = ["name", "creation", "modified", "owner", "modified_by"]


# ---- the world ------------------------------------------------------------------------------------


def users() -> dict:
	"""The measured clerk, its platform twin and the other assignees (clerks with ERPNext's support role)."""
	frappe.flags.in_import = True  # Frappe throttles creating many users an hour
	wanted = {CLERK: ["Mit:Menschen Clerk"], PLATFORM: list(PLATFORM_ROLES)}
	others = [f"bench-staff-{i:02d}@bench.example" for i in range(1, ASSIGNEES)]
	wanted.update({email: ["Mit:Menschen Clerk", "Support Team"] for email in others})
	for email, roles in wanted.items():
		if not frappe.db.exists("User", email):
			frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": email.split("@")[0],
					"send_welcome_email": 0,
					"roles": [{"role": role} for role in roles],
				}
			).insert(ignore_permissions=True)
	frappe.flags.in_import = False
	frappe.db.set_value("User", {"name": ["like", "bench-staff-%@bench.example"]}, "enabled", 1)
	return {"case_assignees": [CLERK, *others], "issue_assignees": [PLATFORM, *others]}


def masters() -> dict:
	"""Categories and their Issue Type twins, districts (Locations) and a flat for the opened case."""
	ensure_escalation()
	categories = [make_category(f"{PREFIX} Kategorie {k}").name for k in range(CATEGORIES)]
	issue_types = []
	for k in range(CATEGORIES):
		name = f"{PREFIX} Typ {k}"
		if not frappe.db.exists("Issue Type", name):
			frappe.get_doc({"doctype": "Issue Type"}).insert(ignore_permissions=True, set_name=name)
		issue_types.append(name)
	districts = [make_location(f"{PREFIX} Bezirk {k}", is_group=1).name for k in range(DISTRICTS)]
	building = make_location(f"{PREFIX} Haus", parent=districts[0], is_group=1).name
	flat = make_location(f"{PREFIX} Wohnung", parent=building).name
	services = frappe.get_all("Service Type", pluck="name", limit=3) or [
		frappe.get_doc({"doctype": "Service Type", "service_name": f"{PREFIX} Dienst"}).insert().name
	]
	return {
		"categories": categories,
		"issue_types": issue_types,
		"districts": districts,
		"flat": flat,
		"services": services,
		"languages": ["ar", "fa", "uk", "de"],
		"customer_group": frappe.db.get_value("Customer Group", {"is_group": 0}),
		"territory": frappe.db.get_value("Territory", {"is_group": 0}),
		"supplier_group": frappe.db.get_value("Supplier Group", {"is_group": 0}),
		"priority": frappe.db.get_value("Issue Priority", {}),
	}


def seed(cases: int, people: dict, m: dict) -> dict:
	"""Our rows and the platform's, alike; returns the names the paths need."""
	now = now_datetime()
	households = max(cases // 20, 10)
	organisations = seed_organisations(PREFIX, max(cases // 500, 10))
	seed_partner_details(organisations, m, now)
	tenants = tenant_names(cases)
	bulk(
		"Customer",
		[*STD, "customer_name", "customer_type", "customer_group", "territory"],
		(
			(
				t,
				now,
				now,
				"Administrator",
				"Administrator",
				t,
				"Individual",
				m["customer_group"],
				m["territory"],
			)
			for t in tenants
		),
	)
	bulk(
		"Refugee Household",
		[*STD, "naming_series", "family_name", "status", "district", "property_doctype", "tenant_doctype"],
		(
			(
				f"{PREFIX}-HH-{i:06d}", add_to_date(now, minutes=-i), now, "Administrator", "Administrator",
				"HH-.YYYY.-.####", f"Familie {i}", ("Moved In", "Settled", "Announced")[i % 3],
				m["districts"][i % DISTRICTS], "Location", "Customer",
			)
			for i in range(households)
		),
	)  # fmt: skip
	bulk(
		"Supplier",
		[*STD, "supplier_name", "supplier_type", "supplier_group"],
		(
			(f"{PREFIX} Lieferant {i:02d}", now, now, "Administrator", "Administrator",
			 f"{PREFIX} Lieferant {i:02d}", "Company", m["supplier_group"])
			for i in range(len(organisations))
		),
	)  # fmt: skip
	meetings = [f"{PREFIX}-RT-{i:05d}" for i in range(max(cases // 500, 2))]
	bulk(
		"Round Table Meeting",
		[*STD, "naming_series", "title", "status", "starts_on"],
		(
			(name, now, now, "Administrator", "Administrator", "RT-.YYYY.-.###", f"Runder Tisch {i}",
			 "Minutes Approved", add_days(now, -180 * i))
			for i, name in enumerate(meetings)
		),
	)  # fmt: skip
	actions = cases // 10
	statuses = ("Open", "In Progress", "Done", "Done")
	task_statuses = ("Open", "Working", "Completed", "Completed")
	bulk(
		"Round Table Action",
		[*STD, "naming_series", "title", "status", "due_date", "partner_organisation", "meeting",
		 "mediation_case", "owner_user"],
		(
			(f"{PREFIX}-RTA-{i:06d}", add_to_date(now, minutes=-i), add_to_date(now, minutes=-i),
			 "Administrator", "Administrator", "RTA-.YYYY.-.####", f"Aufgabe {i}", statuses[i % 4],
			 add_days(now, (i % 60) - 30).date(), organisations[i % len(organisations)],
			 meetings[i % len(meetings)], f"{PREFIX}-{i * 10:07d}", people["case_assignees"][i % ASSIGNEES])
			for i in range(actions)
		),
	)  # fmt: skip
	bulk(
		"Task",
		[*STD, "subject", "status", "exp_end_date", "is_group", "lft", "rgt"],
		(
			(f"{PREFIX}-TASK-{i:06d}", add_to_date(now, minutes=-i), add_to_date(now, minutes=-i),
			 "Administrator", "Administrator", f"Aufgabe {i}", task_statuses[i % 4],
			 add_days(now, (i % 60) - 30).date(), 0, 0, 0)
			for i in range(actions)
		),
	)  # fmt: skip
	seed_cases_and_issues(cases, organisations, tenants, households, people, m)
	return {
		"organisations": organisations,
		"tenants": tenants,
		"households": households,
		"actions": actions,
	}


def tenant_names(cases: int) -> list[str]:
	return [f"{PREFIX} Mieter {i:06d}" for i in range(max(cases // 20, 10))]


def seed_partner_details(organisations: list[str], m: dict, now) -> None:
	"""One contact, two services, two languages, one district and one hot line per organisation."""
	bulk(
		"Partner Contact",
		[*STD, "naming_series", "full_name", "partner_organisation", "active", "is_hotline"],
		(
			(f"{PREFIX}-PC-{i:04d}", now, now, "Administrator", "Administrator", "PC-.#####",
			 f"Kontakt {i}", org, 1, 1)
			for i, org in enumerate(organisations)
		),
	)  # fmt: skip
	child = [*STD, "parent", "parenttype", "parentfield", "idx"]
	for doctype, parentfield, column, values, per in (
		("Partner Service", "services", "service_type", m["services"], 2),
		("Spoken Language", "languages", "language", m["languages"], 2),
		("Partner District", "districts", "district", m["districts"], 1),
	):
		bulk(
			doctype,
			[*child, column],
			(
				(f"{PREFIX}-{parentfield}-{i}-{j}", now, now, "Administrator", "Administrator", org,
				 "Partner Organisation", parentfield, j + 1, values[(i + j) % len(values)])
				for i, org in enumerate(organisations)
				for j in range(per)
			),
		)  # fmt: skip
	bulk(
		"Hotline Assignment",
		[*child, "case_category", "district", "contact"],
		(
			(f"{PREFIX}-hotline-{i}", now, now, "Administrator", "Administrator", org, "Partner Organisation",
			 "hotline_assignments", 1, m["categories"][i % CATEGORIES], m["districts"][i % DISTRICTS],
			 f"{PREFIX}-PC-{i:04d}")
			for i, org in enumerate(organisations)
		),
	)  # fmt: skip


def case_shape(i: int, people: dict, m: dict, households: int, tenants: list[str]) -> dict:
	"""What case i and its Issue twin share: status, SLA status, assignee, category, district."""
	status = i % 10
	sla = CLOSED_SLA if CASE_STATUS[status] == "Closed" else OPEN_SLA[(i // 10) % 3]
	return {
		"status": status,
		"sla": sla,
		"assignee": (i // 7) % ASSIGNEES,
		"category": i % CATEGORIES,
		"district": (i // 3) % DISTRICTS,
		"household": f"{PREFIX}-HH-{i % households:06d}",
		"tenant": tenants[(i * 7) % len(tenants)],
	}


def seed_cases_and_issues(
	cases: int, organisations: list[str], tenants: list[str], households: int, people: dict, m: dict
) -> None:
	shape = lambda i: case_shape(i, people, m, households, tenants)  # noqa: E731

	def case_extra(i: int) -> dict:
		s = shape(i)
		assignee = people["case_assignees"][s["assignee"]]
		return {
			"category": m["categories"][s["category"]],
			"status": CASE_STATUS[s["status"]],
			"sla_status": s["sla"][0],
			"assigned_to": assignee,
			"_assign": json.dumps([assignee]),
			"district": m["districts"][s["district"]],
			"property_doctype": "Location",
			"tenant_doctype": "Customer",
			"respondent_household": s["household"],
			"reporter_tenant": s["tenant"],
			"naming_series": "MC-.YYYY.-.#####",
		}

	seed_cases(PREFIX, cases, organisations, m["categories"][0], case_extra)
	start = add_to_date(now_datetime(), days=-400)
	bulk(
		"Issue",
		[*STD, "naming_series", "subject", "status", "priority", "issue_type", "customer", "raised_by",
		 "agreement_status", "_assign", "opening_date"],
		(
			(f"{PREFIX}-ISS-{i:07d}", (created := add_to_date(start, minutes=i * 5)), created,
			 "Administrator", "Administrator", "ISS-.YYYY.-", f"Fall {i}", ISSUE_STATUS[(s := shape(i))["status"]],
			 m["priority"], m["issue_types"][s["category"]], tenants[s["district"]],
			 f"mieter{i % 5000}@example.org", s["sla"][1],
			 json.dumps([people["issue_assignees"][s["assignee"]]]), created.date())
			for i in range(cases)
		),
	)  # fmt: skip
	todo = [*STD, "status", "allocated_to", "description", "reference_type", "reference_name", "priority"]
	for doctype, assignees, name in (
		("Mediation Case", people["case_assignees"], lambda i: f"{PREFIX}-{i:07d}"),
		("Issue", people["issue_assignees"], lambda i: f"{PREFIX}-ISS-{i:07d}"),
	):
		bulk(
			"ToDo",
			todo,
			(
				(f"{PREFIX}-TD-{doctype[0]}-{i:07d}", start, start, "Administrator", "Administrator",
				 "Closed" if CASE_STATUS[(s := shape(i))["status"]] == "Closed" else "Open",
				 assignees[s["assignee"]], f"Fall {i}", doctype, name(i), "Medium")
				for i in range(cases)
			),
		)  # fmt: skip
		bulk(
			"Communication",
			[*STD, "subject", "content", "communication_type", "communication_medium", "sent_or_received",
			 "sender", "reference_doctype", "reference_name", "communication_date", "status"],
			(
				(f"{PREFIX}-COM-{doctype[0]}-{i:07d}", start, start, "Administrator", "Administrator",
				 f"Fall {i}", f"<p>Beschwerde {i}</p>", "Communication", "Email", "Received",
				 f"mieter{i % 5000}@example.org", doctype, name(i), start, "Linked")
				for i in range(cases)
			),
		)  # fmt: skip
		bulk(
			"__global_search",
			["doctype", "name", "title", "content", "route", "published"],
			(
				(
					doctype,
					name(i),
					f"Fall {i}",
					f"Subject : Fall {i} ||| Status : {CASE_STATUS[i % 10]}",
					"",
					0,
				)
				for i in range(cases)
			),
		)
	ladder = (("Response", 1, 80), ("Resolution", 1, 80))
	bulk(
		"Escalation Timer",
		[*STD, "reference_doctype", "reference_name", "clock", "level", "status", "due_at", "trigger",
		 "percent", "notify"],
		(
			(f"{PREFIX}-ET-{i:07d}-{clock}", start, start, "Administrator", "Administrator",
			 "Mediation Case", f"{PREFIX}-{i:07d}", clock, level, "Pending", add_days(now_datetime(), 1 + i % 30),
			 "Share of Target", percent, "Assignee")
			for i in range(cases)
			if CASE_STATUS[i % 10] != "Closed"
			for clock, level, percent in ladder
		),
	)  # fmt: skip


def opened_records(people: dict, m: dict) -> dict:
	"""The case and the Issue whose forms are opened and saved: real documents with a timeline of
	TIMELINE communications and as many versions each."""
	tenant = f"{PREFIX} Mieterin"
	if not frappe.db.exists("Customer", tenant):
		frappe.get_doc(
			{
				"doctype": "Customer",
				"customer_name": tenant,
				"customer_type": "Individual",
				"customer_group": m["customer_group"],
				"territory": m["territory"],
			}
		).insert(set_name=tenant)
	case = frappe.get_doc(
		{
			"doctype": "Mediation Case",
			"subject": "Lärm im Hof nach 22 Uhr",
			"description": "<p>Seit Wochen laute Musik.</p>",
			"category": m["categories"][0],
			"property_doctype": "Location",
			"property_unit": m["flat"],
			"tenant_doctype": "Customer",
			"reporter_tenant": tenant,
			"assigned_to": CLERK,
		}
	).insert(set_name=f"{PREFIX}-CASE")
	issue = frappe.get_doc(
		{
			"doctype": "Issue",
			"subject": "Lärm im Hof nach 22 Uhr",
			"description": "<p>Seit Wochen laute Musik.</p>",
			"issue_type": m["issue_types"][0],
			"customer": tenant,
			"raised_by": "mieterin@example.org",
		}
	).insert(set_name=f"{PREFIX}-ISSUE")
	for doc in (case, issue):
		frappe.get_doc(
			{"doctype": "ToDo", "allocated_to": CLERK if doc is case else PLATFORM, "description": doc.subject,
			 "reference_type": doc.doctype, "reference_name": doc.name}
		).insert(ignore_permissions=True)  # fmt: skip
		now = now_datetime()
		bulk(
			"Communication",
			[*STD, "subject", "content", "communication_type", "communication_medium", "sent_or_received",
			 "sender", "reference_doctype", "reference_name", "communication_date", "status"],
			(
				(f"{PREFIX}-TL-{doc.doctype[0]}-{k:03d}", now, now, "Administrator", "Administrator",
				 f"Re: {doc.subject}", f"<p>Nachricht {k}</p>", "Communication", "Email",
				 ("Received", "Sent")[k % 2], "mieterin@example.org", doc.doctype, doc.name,
				 add_to_date(now, minutes=-k), "Linked")
				for k in range(TIMELINE)
			),
		)  # fmt: skip
		bulk(
			"Version",
			[*STD, "ref_doctype", "docname", "data"],
			(
				(f"{PREFIX}-V-{doc.doctype[0]}-{k:03d}", add_to_date(now, minutes=-k), now, CLERK, CLERK,
				 doc.doctype, doc.name,
				 json.dumps({"changed": [["description", f"<p>alt {k}</p>", f"<p>neu {k}</p>"]]}))
				for k in range(TIMELINE)
			),
		)  # fmt: skip
	frappe.db.commit()
	return {"case": case.name, "issue": issue.name}


def cleanup() -> None:
	frappe.db.rollback()
	frappe.set_user("Administrator")
	like = f"{PREFIX}%"
	for table, column in (
		("Mediation Case", "name"),
		("Issue", "name"),
		("ToDo", "reference_name"),
		("ToDo", "name"),
		("Communication", "reference_name"),
		("Communication Link", "link_name"),
		("Version", "docname"),
		("Comment", "reference_name"),
		("View Log", "reference_name"),
		("Activity Log", "reference_name"),
		("Escalation Timer", "reference_name"),
		("Escalation Log", "reference_name"),
		("Notification Log", "document_name"),
		("DocShare", "share_name"),
		("Email Queue", "reference_name"),
		("Refugee Household", "name"),
		("Customer", "name"),
		("Supplier", "name"),
		("Round Table Meeting", "name"),
		("Round Table Action", "name"),
		("Task", "name"),
		("Partner Contact", "name"),
		("Partner Service", "parent"),
		("Spoken Language", "parent"),
		("Partner District", "parent"),
		("Hotline Assignment", "parent"),
		("Partner Organisation", "name"),
		("Case Category", "name"),
		("Issue Type", "name"),
		("Location", "name"),
	):
		frappe.db.sql(f"delete from `tab{table}` where `{column}` like %s", like)
	frappe.db.sql("delete from `__global_search` where name like %s", like)
	frappe.db.commit()


# ---- calling the desk's methods ------------------------------------------------------------------


def resolve(method: str) -> Callable:
	"""The function Frappe's request handler runs for `method`: our override where we have one."""
	overrides = frappe.get_hooks("override_whitelisted_methods", {}).get(method, [])
	return frappe.get_attr(overrides[-1] if overrides else method)


def request(
	user: str, method: str, params: dict | Callable[[], dict], http: str = "GET", platform: bool = False
):
	"""One desk request as `user`, returning its server time in ms. The platform's twin runs Frappe's
	own function (no override of ours in between)."""
	function = frappe.get_attr(method) if platform else resolve(method)

	def once() -> float:
		frappe.set_user(user)  # also clears Frappe's request-local caches, as a new request has them
		frappe.utils.set_request(method=http)
		frappe.local.form_dict = frappe._dict(params() if callable(params) else params)
		frappe.local.response = frappe._dict(docs=[])
		started = time.perf_counter()
		frappe.call(function, **frappe.local.form_dict)
		elapsed = (time.perf_counter() - started) * 1000
		frappe.db.set_execution_timeout(0)  # get_open_count sets a 1 s limit on the (here: shared) session
		if http == "POST":
			frappe.db.commit()
		return elapsed

	return once


def list_params(doctype: str, filters: list | None = None) -> dict:
	"""The desk list's own request: the standard and list-view columns, the doctype's sort, 20 rows."""
	meta = frappe.get_meta(doctype)
	columns = ["name", "owner", "creation", "modified", "modified_by", "_user_tags", "_comments", "_assign",
			   "_liked_by", "docstatus", "idx"]  # fmt: skip
	columns += [f.fieldname for f in meta.fields if f.in_list_view and f.fieldname not in columns]
	if meta.title_field and meta.title_field not in columns:
		columns.append(meta.title_field)
	return {
		"doctype": doctype,
		"fields": json.dumps([f"`tab{doctype}`.`{c}`" for c in columns]),
		"filters": json.dumps(filters or []),
		"order_by": f"`tab{doctype}`.`{meta.sort_field or 'modified'}` {meta.sort_order or 'desc'}",
		"start": 0,
		"page_length": 20,
		"view": "List",
		"group_by": "",
		"with_comment_count": 1,
	}


def count_params(doctype: str, filters: list | None = None, limit: int = 1001) -> dict:
	"""The list's "20 of 1,000+" and a workspace shortcut's counter (limit 0: the full count)."""
	return {
		"doctype": doctype,
		"filters": json.dumps(filters or []),
		"fields": "[]",
		"distinct": 0,
		"limit": limit,
	}


@dataclass
class Path:
	label: str
	ours: Callable[[], float]
	platform: Callable[[], float]
	repeat: int | None = None


def pair(
	label: str,
	method: str,
	ours: dict | Callable,
	platform: dict | Callable,
	http: str = "GET",
	platform_method: str | None = None,
	platform_user: str = PLATFORM,
	**kw,
) -> Path:
	return Path(
		label,
		request(CLERK, method, ours, http),
		request(platform_user, platform_method or method, platform, http, platform=True),
		**kw,
	)


def paths(world: dict, m: dict) -> list[Path]:
	case, issue = world["case"], world["issue"]
	L, C = "frappe.desk.reportview.get", "frappe.desk.reportview.get_count"
	mc, iss = "Mediation Case", "Issue"
	me = lambda user: ["_assign", "like", f"%{user}%"]  # noqa: E731
	filters = [
		("default order", [], []),
		("status", [[mc, "status", "=", "In Mediation"]], [[iss, "status", "=", "On Hold"]]),
		("assigned to me", [[mc, *me(CLERK)]], [[iss, *me(PLATFORM)]]),
		("district", [[mc, "district", "=", m["districts"][0]]], [[iss, "customer", "=", world["tenants"][0]]]),
		("SLA status", [[mc, "sla_status", "=", "Breached"]], [[iss, "agreement_status", "=", "Failed"]]),
		("category", [[mc, "category", "=", m["categories"][0]]], [[iss, "issue_type", "=", m["issue_types"][0]]]),
	]  # fmt: skip
	result = []
	for label, ours, theirs in filters:
		result.append(pair(f"case list: {label}", L, list_params(mc, ours), list_params(iss, theirs)))
		result.append(pair(f"  list count: {label}", C, count_params(mc, ours), count_params(iss, theirs)))
	result += [
		pair("  get_count (frappe.client)", "frappe.client.get_count", {"doctype": mc}, {"doctype": iss}),
		pair(
			"  get_count (frappe.client), status",
			"frappe.client.get_count",
			{"doctype": mc, "filters": json.dumps({"status": "In Mediation"})},
			{"doctype": iss, "filters": json.dumps({"status": "On Hold"})},
		),
	]
	for field in ("assigned_to", "owner"):
		result.append(
			pair(
				f"  sidebar group-by: {field}",
				"frappe.desk.listview.get_group_by_count",
				{"doctype": mc, "current_filters": "[]", "field": field},
				{"doctype": iss, "current_filters": "[]", "field": field},
				repeat=5 if field == "assigned_to" else None,  # Frappe's query reads all ToDos: seconds
			)
		)
	result += [
		pair("case form: getdoc", "frappe.desk.form.load.getdoc", {"doctype": mc, "name": case},
			 {"doctype": iss, "name": issue}),
		pair("case form: connections", "frappe.desk.notifications.get_open_count",
			 {"doctype": mc, "name": case}, {"doctype": iss, "name": issue}),
		pair("case form: save", "frappe.desk.form.save.savedocs", save_params(mc, case, "category", m["categories"][:2]),
			 save_params(iss, issue, "issue_type", m["issue_types"][:2]), http="POST", repeat=30),
	]  # fmt: skip
	result += workspace_paths()
	result += [
		pair("link search: case", "frappe.desk.search.search_link", search_params(mc, "Fall 4711"),
			 search_params(iss, "Fall 4711"), repeat=30),  # a LIKE '%…%' over every row, ours and theirs
		pair("link search: household", "frappe.desk.search.search_link",
			 search_params("Refugee Household", "Familie 471"), search_params("Customer", "Mieter 000471")),
		pair("link search: partner", "frappe.desk.search.search_link",
			 search_params("Partner Organisation", "Partner 17", {"status": "Active"}),
			 search_params("Supplier", "Lieferant 17")),
		pair("link search: tenant (Customer)", "frappe.desk.search.search_link",
			 search_params("Customer", "Mieter 000471", reference=mc),
			 search_params("Customer", "Mieter 000471", reference=iss)),
		pair("global search", "frappe.utils.global_search.search", {"text": "Fall 4711", "start": 0, "limit": 20},
			 {"text": "Fall 4711", "start": 0, "limit": 20}, repeat=20),
		pair("household list", L, list_params("Refugee Household"), list_params("Customer")),
		pair("partner organisation list", L, list_params("Partner Organisation"), list_params("Supplier")),
		pair("round table action list", L, list_params("Round Table Action"), list_params("Task")),
		pair("partner finder", "frappe.desk.query_report.run", finder_params(m), finder_twin_params()),
	]  # fmt: skip
	return result


def save_params(doctype: str, name: str, field: str, values: list[str]) -> Callable[[], dict]:
	"""A fresh copy of the document with `field` switched to the other value (so a case's SLA,
	recurrence check and escalation timers are recomputed on every save)."""

	def params() -> dict:
		doc = frappe.get_doc(doctype, name)
		doc.set(field, values[1] if doc.get(field) == values[0] else values[0])
		return {"doc": json.dumps(doc.as_dict(), default=str), "action": "Save"}

	return params


def search_params(doctype: str, txt: str, filters: dict | None = None, reference: str | None = None) -> dict:
	params = {"doctype": doctype, "txt": txt, "page_length": 10}
	if filters:
		params["filters"] = json.dumps(filters)
	if reference:
		params["reference_doctype"] = reference
	return params


def finder_params(m: dict) -> dict:
	return {
		"report_name": "Partner Finder",
		"filters": json.dumps(
			{"category": m["categories"][0], "district": m["districts"][0], "language": "ar"}
		),
	}


def finder_twin_params() -> dict:
	"""ERPNext's own "who is this party and how do I reach them" report, over the Suppliers."""
	return {"report_name": "Address And Contacts", "filters": json.dumps({"party_type": "Supplier"})}


def workspace_paths() -> list[Path]:
	"""The workspace page and every counter on it, each beside the platform's twin: Support's page, and
	the same count shape on Issues, Customers and Tasks."""
	today = nowdate()
	page = lambda name: {"page": json.dumps({"name": name, "title": name, "public": 1})}  # noqa: E731
	result = [
		pair("workspace: page", "frappe.desk.desktop.get_desktop_page", page("Mit Menschen"), page("Stock"))
	]
	twins = {
		"Open Cases": ("Issue", [["status", "not in", ["Closed"]]]),
		"Resolutions to Approve": ("Issue", [["status", "=", "Resolved"]]),
		"SLA Breached": ("Issue", [["agreement_status", "=", "Failed"], ["status", "not in", ["Closed"]]]),
		"Refugee Household": ("Customer", [["disabled", "=", 0]]),
		"Overdue Actions": ("Task", [["status", "in", ["Open", "Working"]], ["exp_end_date", "<", today]]),
	}
	workspace = frappe.get_doc("Workspace", "Mit Menschen")
	for shortcut in workspace.shortcuts:
		if shortcut.type != "DocType" or not shortcut.stats_filter:
			continue
		expression = shortcut.stats_filter.replace("frappe.datetime.get_today()", json.dumps(today))
		filters = [
			[field, *(v if isinstance(v, list) else ["=", v])] for field, v in json.loads(expression).items()
		]
		twin_doctype, twin_filters = twins.get(shortcut.label, (shortcut.link_to, filters))
		result.append(
			pair(
				f"  counter: {shortcut.label}",
				"frappe.desk.reportview.get_count",
				count_params(shortcut.link_to, filters, limit=0),
				count_params(twin_doctype, twin_filters, limit=0),
			)
		)
	card_method = "frappe.desk.doctype.number_card.number_card.get_result"
	issue_card = {"doc": json.dumps({"function": "Count", "document_type": "Issue"}),
				  "filters": json.dumps([["Issue", "status", "!=", "Closed", False]])}  # fmt: skip
	for card in workspace.number_cards:
		doc = frappe.get_doc("Number Card", card.number_card_name)
		method = doc.method if doc.type == "Custom" else card_method
		ours = {"filters": doc.filters_json or "[]"} if doc.type == "Custom" else {
			"doc": doc.as_json(), "filters": doc.filters_json or "[]"}  # fmt: skip
		result.append(
			pair(f"  number card: {doc.name}", method, ours, issue_card, platform_method=card_method)
		)
	chart_method = "frappe.desk.doctype.dashboard_chart.dashboard_chart.get"
	for chart in workspace.charts:
		doc = frappe.get_doc("Dashboard Chart", chart.chart_name)
		if doc.chart_type == "Report":  # a report's figures: benchmarks/reports.py measures them
			continue
		twin = {"name": f"{PREFIX} Issues by Type", "chart_type": "Group By", "document_type": "Issue",
				"group_by_based_on": "issue_type", "group_by_type": "Count", "filters_json": json.dumps(
					[["Issue", "status", "!=", "Closed", False]]), "type": "Bar", "number_of_groups": 0}  # fmt: skip
		result.append(
			pair(
				f"  chart: {doc.name}",
				chart_method,
				{"chart_name": doc.name, "refresh": 1},
				{"chart": json.dumps(twin), "no_cache": 1},
			)
		)
	return result


# ---- measuring ----------------------------------------------------------------------------------


def measure(path: Path, repeat: int) -> dict:
	ours, theirs = [], []
	warm = 5
	for run in range(repeat + warm):  # interleaved, so that noise on the machine hits both alike
		a, b = path.ours(), path.platform()
		if run >= warm:  # the first calls warm Frappe's caches, as a running server has them
			ours.append(a)
			theirs.append(b)
	row = {
		"path": path.label,
		"ours_p50": percentile(ours, 50),
		"ours_p95": percentile(ours, 95),
		"platform_p50": percentile(theirs, 50),
		"platform_p95": percentile(theirs, 95),
	}
	row["ratio"] = round(row["ours_p95"] / row["platform_p95"], 2)
	row["ratio_p50"] = round(row["ours_p50"] / row["platform_p50"], 2)
	return row


def form_queries(world: dict) -> dict:
	"""SQL queries of one form load (getdoc) of the case and of the Issue."""
	original = frappe.db.sql
	counter = {"n": 0}

	def counting(*args, **kwargs):
		counter["n"] += 1
		return original(*args, **kwargs)

	result = {}
	for key, user, doctype, name, platform in (
		("case", CLERK, "Mediation Case", world["case"], False),
		("issue", PLATFORM, "Issue", world["issue"], True),
	):
		call = request(
			user, "frappe.desk.form.load.getdoc", {"doctype": doctype, "name": name}, platform=platform
		)
		for _ in range(3):  # warm Frappe's caches (the seeding cleared some)
			call()
		counter["n"] = 0
		frappe.db.sql = counting
		try:
			call()
		finally:
			frappe.db.sql = original
		result[key] = counter["n"]
	return result


def run(cases: int = 100_000, repeat: int = 100, keep: int = 0, only: str = "") -> dict:
	"""keep=1 leaves the seeded rows for the next run, which then reuses them (and so cannot count the
	form load's queries before seeding); by default everything seeded is deleted. `only`: measure just
	the paths whose label contains one of these comma-separated words."""
	frappe.db.rollback()
	reuse = bool(frappe.db.exists("Mediation Case", f"{PREFIX}-{cases - 1:07d}")) and not frappe.db.exists(
		"Mediation Case", f"{PREFIX}-{cases:07d}"
	)
	if not reuse:
		cleanup()  # a run that was killed leaves its rows behind
	queries_before = {"case": None, "issue": None}
	try:
		people = users()
		m = masters()
		if reuse:
			world = {"case": f"{PREFIX}-CASE", "issue": f"{PREFIX}-ISSUE", "tenants": tenant_names(cases)}
		else:
			world = opened_records(people, m)
			queries_before = form_queries(world)
			world.update(seed(cases, people, m))
			frappe.db.commit()
			for table in ("Mediation Case", "Issue", "ToDo", "Communication", "Escalation Timer"):
				frappe.db.sql(f"analyze table `tab{table}`")
		queries_after = form_queries(world)
		print(
			f"Staff paths at {cases:,} cases, as a clerk (only Mit:Menschen Clerk) beside the platform's "
			f"twin, {repeat} calls each unless noted; ms"
		)
		print(
			f"{'path':<44}{'ours p50':>9}{'p95':>8}{'platform p50':>14}{'p95':>8}{'ratio p50':>11}{'p95':>6}"
		)
		rows = []
		wanted = [word.strip() for word in only.split(",") if word.strip()]
		for path in paths(world, m):
			if wanted and not any(word in path.label for word in wanted):
				continue
			rows.append(measure(path, path.repeat or repeat))
			print_row(rows[-1], path.repeat)
	finally:
		frappe.set_user("Administrator")
		frappe.local.request = None
		if not int(keep):
			cleanup()
	print(
		f"form load SQL queries: case {queries_before['case']} before seeding, {queries_after['case']} at "
		f"{cases:,} cases; Issue {queries_before['issue']} / {queries_after['issue']}"
	)
	return {"cases": cases, "paths": rows, "form_queries": {"before": queries_before, "after": queries_after}}


def print_row(r: dict, repeat: int | None) -> None:
	flag = "" if r["ratio"] <= 1.5 else "  > 1.5"
	note = f"  ({repeat} calls)" if repeat else ""
	print(
		f"{r['path']:<44}{r['ours_p50']:>9.2f}{r['ours_p95']:>8.2f}{r['platform_p50']:>14.2f}"
		f"{r['platform_p95']:>8.2f}{r['ratio_p50']:>11.2f}{r['ratio']:>6.2f}{flag}{note}",
		flush=True,
	)
