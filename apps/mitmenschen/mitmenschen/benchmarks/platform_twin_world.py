"""The site's side of the platform twin (`benchmarks/platform_twin.py`): the same numbers of people as
the load benchmark, each given what Frappe and ERPNext offer for the job without this app.

- clerks: desk users with ERPNext's Support Team role, each with Issues assigned to them (`_assign`,
  what the desk's "Assigned To" filter reads), as a clerk has Mediation Cases;
- partners: website users with the Customer role and a Contact linked to a Customer of their own,
  which has Issues (ERPNext's portal shows a website user the Issues of their Customer);
- tenants: website users who submit ERPNext's standard "issues" Web Form (it has an Attach field).

Runs inside the site, called by the driver (`load.Site(..., module=platform_twin_world)`) or by hand:
`bench --site load.localhost execute mitmenschen.benchmarks.platform_twin_world.world
--kwargs "{'clerks': 8, 'partners': 6, 'tenants': 6}"`. The people are kept for the next run with the
same mix (a file in the site's private folder); what a run creates carries its run id.
"""

import json
import os

import frappe
from frappe.utils.password import update_password

from mitmenschen.benchmarks.load_world import PASSWORD

DOMAIN = "twin.example"
WEB_FORM = "issues"  # ERPNext's standard Web Form on Issue (route /issues, an Attach field)
ISSUES_PER_CLERK = 3
ISSUES_PER_PARTNER = 2
# partners comment on their Issue every loop; Frappe's default (5 comments per document an hour) would
# refuse most of them, which measures the rate limiter, not the platform
COMMENT_LIMIT = 100000


def world(clerks: int, partners: int, tenants: int) -> dict:
	"""The twin people of an earlier run with this mix, or new ones."""
	frappe.db.set_single_value("Blog Settings", "comment_limit", COMMENT_LIMIT)
	path = frappe.get_site_path("private", f"twin-world-{clerks}-{partners}-{tenants}.json")
	if os.path.exists(path):
		with open(path) as f:
			saved = json.load(f)
		if frappe.db.exists("User", saved["clerks"][0]["user"]) and frappe.db.exists(
			"Issue", saved["clerks"][0]["issues"][0]
		):
			return saved
	built = build(frappe.generate_hash(length=6), clerks, partners, tenants)
	with open(path, "w") as f:
		json.dump(built, f)
	return built


def build(world_id: str, clerks: int, partners: int, tenants: int) -> dict:
	priorities = frappe.get_all("Issue Priority", pluck="name", order_by="name")
	built: dict = {"id": world_id, "password": PASSWORD, "priorities": priorities, "web_form": WEB_FORM}
	built["clerks"] = [_clerk(world_id, i, priorities[0]) for i in range(clerks)]
	built["partners"] = [_partner(world_id, i, priorities[0]) for i in range(partners)]
	built["tenants"] = [
		{"user": _user(f"twin-tenant-{i:02d}-{world_id}@{DOMAIN}", f"Mieterin {i:02d}", "Customer")}
		for i in range(tenants)
	]
	frappe.db.commit()
	return built


def _user(email: str, first_name: str, role: str) -> str:
	frappe.flags.in_import = True  # Frappe throttles creating many users an hour
	frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": first_name,
			"language": "de",
			"send_welcome_email": 0,
			"roles": [{"role": role}],
		}
	).insert(ignore_permissions=True)
	frappe.flags.in_import = False
	frappe.db.set_value("User", email, "enabled", 1)  # as load_world: an imported user starts disabled here
	update_password(email, PASSWORD)
	return email


def _issue(subject: str, priority: str, **values) -> str:
	doc = frappe.get_doc(
		{"doctype": "Issue", "subject": subject, "priority": priority, "description": "Lärm im Treppenhaus"}
		| values
	)
	return doc.insert(ignore_permissions=True).name


def _clerk(world_id: str, i: int, priority: str) -> dict:
	email = _user(f"twin-clerk-{i:02d}-{world_id}@{DOMAIN}", f"Sachbearbeiterin {i:02d}", "Support Team")
	issues = []
	for j in range(ISSUES_PER_CLERK):
		name = _issue(f"Plattform-Probe {world_id} {i:02d}-{j}", priority)
		frappe.db.set_value("Issue", name, "_assign", json.dumps([email]), update_modified=False)
		issues.append(name)
	return {"user": email, "issues": issues}


def _partner(world_id: str, i: int, priority: str) -> dict:
	email = _user(f"twin-partner-{i:02d}-{world_id}@{DOMAIN}", f"Partnerin {i:02d}", "Customer")
	customer = (
		frappe.get_doc(
			{
				"doctype": "Customer",
				"customer_name": f"Partner {i:02d} {world_id}",
				"customer_type": "Company",
			}
		)
		.insert(ignore_permissions=True)
		.name
	)
	frappe.get_doc(
		{
			"doctype": "Contact",
			"first_name": f"Partnerin {i:02d}",
			"user": email,
			"email_ids": [{"email_id": email, "is_primary": 1}],
			"links": [{"link_doctype": "Customer", "link_name": customer}],
		}
	).insert(ignore_permissions=True)
	issues = [
		_issue(
			f"Plattform-Probe {world_id} Partner {i:02d}-{j}", priority, customer=customer, raised_by=email
		)
		for j in range(ISSUES_PER_PARTNER)
	]
	return {"user": email, "customer": customer, "issue": issues[0]}


# ---- what the driver was promised, counted in the database -------------------------------------------


def check(run: str, comments: list[list[str]], submissions: list[list[str]], saves: dict) -> dict:
	"""Every comment and web form submission that got a 200 is in the database once (a submission with
	the URL of its uploaded file), every clerk's last save holds."""
	problems: list[str] = []
	texts = [text for _issue_name, text in comments]
	found = dict(
		frappe.db.sql(
			"select content, count(*) from `tabComment` where comment_type = 'Comment'"
			" and reference_doctype = 'Issue' and content in %(values)s group by content",
			{"values": tuple(texts) or ("",)},
		)
	)
	for issue, text in comments:
		if found.get(text, 0) != 1:
			problems.append(f"comment {text!r} on {issue}: {found.get(text, 0)} in the database")
	for name, token, file_url in submissions:
		stored = frappe.db.get_value("Issue", name, ["subject", "attachment"], as_dict=True)
		if not stored or token not in stored.subject:
			problems.append(f"submission {name} ({token}) missing")
		elif stored.attachment != file_url or not frappe.db.exists("File", {"file_url": file_url}):
			problems.append(f"submission {name}: attachment {stored.attachment!r}, uploaded {file_url!r}")
	same_token = frappe.db.sql(
		"select subject, count(*) from `tabIssue` where subject like %s group by subject having count(*) > 1",
		f"%TWINTOKEN-{run}-%",
	)
	problems += [f"submission {subject!r} stored {n} times" for subject, n in same_token]
	held = dict(
		frappe.get_all(
			"Issue", filters={"name": ["in", list(saves) or [""]]}, fields=["name", "resolution_details"],
			as_list=True,
		)
	)  # fmt: skip
	for issue, text in saves.items():
		if text not in (held.get(issue) or ""):
			problems.append(f"save of {issue}: holds {held.get(issue)!r}, last saved {text!r}")
	return {
		"comments": len(comments),
		"submissions": len(submissions),
		"saves": len(saves),
		"problems": problems,
	}
