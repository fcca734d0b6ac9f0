"""What the desk smoke test opens: every doctype, report and workspace of the app, as a clerk and as a
manager, with one existing record per doctype.

`bench --site <site> execute mitmenschen.tests.desk_world.build` makes a clerk and a
manager with exactly their role and a password, makes sure every doctype of the app has a record
(a known factory for the doctypes whose records need a story, a generic one filling the mandatory
fields for any other, so that a new doctype is covered without editing anything), commits, and
returns per user the desk routes that role may open. The route list is read from the site (DocType,
Report and Workspace rows of the app's modules), never written down; a route is left out only where
the role has no permission at all (it would not be in the role's desk), and the skipped ones are
returned too so the test can print them.
"""

import frappe
from frappe.core.doctype.user.user import desk_properties
from frappe.utils import add_days, now_datetime, nowdate, random_string
from frappe.utils.password import update_password

from mitmenschen.tests.factories import (
	make_action,
	make_category,
	make_contact,
	make_household,
	make_meeting,
	make_partner,
	make_service_type,
)
from mitmenschen.tests.interpreting_world import appointment_day

APP = "mitmenschen"
PASSWORD = "Desk-Smoke-2026!"
ROLES = {"clerk": "Mit:Menschen Clerk", "manager": "Mit:Menschen Manager"}


def app_modules() -> list[str]:
	return frappe.get_module_list(APP)


def app_doctypes() -> list[dict]:
	"""Every doctype of the app that has a desk of its own: no child tables."""
	return frappe.get_all(
		"DocType",
		filters={"module": ["in", app_modules()], "istable": 0},
		fields=["name", "issingle"],
		order_by="name asc",
	)


# ---- one record per doctype ---------------------------------------------------------------------


def _case(suffix: str):
	return frappe.get_doc(
		{
			"doctype": "Mediation Case",
			"subject": f"Lärm im Hof {suffix}",
			"category": make_category().name,
			"description": f"Beschreibung {suffix}",
			"reporter_name": f"Nachbarin {suffix}",
		}
	).insert()


def _meeting(suffix: str):
	partner = make_partner()
	contact = make_contact(partner.name, email=f"kontakt-{suffix.lower()}@desk.example", active=1)
	case = _case(suffix)
	return make_meeting(
		partner.name,
		contact.name,
		title=f"Runder Tisch {suffix}",
		location="Bürgerhaus",
		agenda=[{"topic": case.subject, "mediation_case": case.name, "source": "Escalated Case"}],
		minutes=f"<p>Protokoll {suffix}</p>",
	)


def _action(suffix: str):
	partner = make_partner()
	return make_action(partner.name, make_contact(partner.name).name)


def _household_referral(suffix: str):
	"""A referral of a household needs the family's consent to refer it to that partner."""
	from mitmenschen.households.consent import REFERRAL

	partner = make_partner()
	household = make_household(
		consents=[
			{"purpose": REFERRAL, "partner_organisation": partner.name, "given_on": add_days(nowdate(), -1)}
		]
	)
	return generic_record(
		"Household Referral",
		suffix,
		preset={"household": household.name, "partner_organisation": partner.name},
	)


def _booking(suffix: str):
	"""A booking for a round-table meeting by video: the place or call link its mode asks for."""
	return frappe.get_doc(
		{
			"doctype": "Interpreter Booking",
			"purpose_type": "Round Table Meeting",
			"interpreter_language": "fa",
			"date": appointment_day(),
			"start_time": "11:00:00",
			"duration_hours": 1,
			"mode": "Video",
			"call_link": f"https://video.example/{suffix}",
		}
	).insert()


def _mediator(suffix: str):
	"""An active mediator: one language, a mode, the signed confidentiality pledge."""
	return frappe.get_doc(
		{
			"doctype": "Language Mediator",
			"full_name": f"Sprachmittlerin {suffix}",
			"email": f"mittlerin-{suffix.lower()}@pool.example",
			"pledge_signed_on": nowdate(),
			"languages": [{"language": "fa", "level": "Native"}],
			"by_phone": 1,
		}
	).insert()


KNOWN_MAKERS = {
	"Household Referral": _household_referral,
	"Case Category": lambda suffix: make_category(),
	"Service Type": lambda suffix: make_service_type(),
	"Partner Organisation": lambda suffix: make_partner(),
	"Partner Contact": lambda suffix: make_contact(make_partner().name),
	"Refugee Household": lambda suffix: make_household(),
	"Mediation Case": _case,
	"Round Table Meeting": _meeting,
	"Round Table Action": _action,
	"Interpreter Booking": _booking,
	"Language Mediator": _mediator,
}


def ensure_record(doctype: str, suffix: str, depth: int = 0) -> str:
	"""The newest record of the doctype, created when there is none."""
	existing = frappe.get_all(doctype, pluck="name", order_by="creation desc", limit=1)
	if existing:
		return existing[0]
	maker = KNOWN_MAKERS.get(doctype)
	doc = maker(suffix) if maker else generic_record(doctype, suffix, depth)
	return doc.name


def generic_record(doctype: str, suffix: str, depth: int = 0, preset: dict | None = None):
	"""A record with every mandatory field filled by its type, links to existing (or generic) records."""
	doc = frappe.new_doc(doctype)
	doc.update(preset or {})
	_fill(doc, frappe.get_meta(doctype), suffix, depth)
	return doc.insert()


def _fill(doc, meta, suffix: str, depth: int) -> None:
	for df in meta.fields:
		if not df.reqd or doc.get(df.fieldname):
			continue
		value = _value(df, doc, suffix, depth)
		if df.fieldtype == "Table":
			row = doc.append(df.fieldname, {})
			_fill(row, frappe.get_meta(df.options), suffix, depth)
		elif value is not None:
			doc.set(df.fieldname, value)


def _value(df, doc, suffix: str, depth: int):
	kind = df.fieldtype
	if kind in ("Data", "Small Text", "Text", "Long Text", "Text Editor", "Markdown Editor", "HTML Editor"):
		return f"{df.label or df.fieldname} {suffix}"
	if kind == "Select":
		return next((o for o in (df.options or "").split("\n") if o), None)
	if kind == "Date":
		return nowdate()
	if kind == "Datetime":
		return add_days(now_datetime(), 1)
	if kind == "Time":
		return "09:00:00"
	if kind in ("Int", "Float", "Currency", "Percent", "Check", "Rating"):
		return 1
	if kind == "Link":
		if df.options == "DocType":
			return "Mediation Case"
		if depth > 3:
			return frappe.db.get_value(df.options, {}, "name")
		return ensure_record(df.options, suffix, depth + 1)
	if kind == "Dynamic Link":
		target = doc.get(df.options) or "Mediation Case"
		doc.set(df.options, target)
		return ensure_record(target, suffix, depth + 1)
	return None


# ---- users and routes ---------------------------------------------------------------------------


def make_desk_user(kind: str) -> str:
	"""One user per role, reused across runs (Frappe throttles creating users to 60 an hour), holding
	exactly that one role."""
	email = f"desk-{kind}@desk.example"
	if frappe.db.exists("User", email):
		user = frappe.get_doc("User", email)
		user.enabled = 1
		user.set("roles", [{"role": ROLES[kind]}])
		user.update(dict.fromkeys(desk_properties, 1))
		user.save(ignore_permissions=True)
		update_password(email, PASSWORD)
		return email
	frappe.flags.in_import = True  # skips only that throttle
	try:
		user = _new_desk_user(email, kind)
	finally:
		frappe.flags.in_import = False
	frappe.db.set_value("User", user.name, "enabled", 1)  # a user made during an import starts disabled
	# ... and without the desk a new user has (search bar, sidebar, timeline: Frappe's defaults)
	frappe.db.set_value("User", user.name, dict.fromkeys(desk_properties, 1))
	update_password(user.name, PASSWORD)
	return user.name


def _new_desk_user(email: str, kind: str):
	return frappe.get_doc(
		{
			"doctype": "User",
			"email": email,
			"first_name": f"Desk {kind.title()}",
			"user_type": "System User",
			"send_welcome_email": 0,
			"language": "de",
			"roles": [{"role": ROLES[kind]}],
		}
	).insert(ignore_permissions=True)


def slug(name: str) -> str:
	return name.lower().replace(" ", "-")


def report_permitted(report: str, user: str) -> bool:
	"""Frappe asks the session user; the question here is about another one."""
	current = frappe.session.user
	frappe.set_user(user)
	try:
		return bool(frappe.get_doc("Report", report).is_permitted())
	finally:
		frappe.set_user(current)


def routes_for(user: str, records: dict[str, str]) -> tuple[list[dict], list[str]]:
	"""(routes the user's role may open, what was left out and why)."""
	routes, skipped = [], []
	for dt in app_doctypes():
		if not frappe.has_permission(dt.name, "read", user=user):
			skipped.append(f"{dt.name}: no read permission")
			continue
		base = f"/app/{slug(dt.name)}"
		if dt.issingle:
			routes.append({"kind": "single", "doctype": dt.name, "path": base})
			continue
		routes.append({"kind": "list", "doctype": dt.name, "path": base})
		if frappe.has_permission(dt.name, "create", user=user):
			routes.append({"kind": "new", "doctype": dt.name, "path": f"{base}/new"})
		else:
			skipped.append(f"{dt.name}: no create permission (new form)")
		routes.append({"kind": "form", "doctype": dt.name, "path": f"{base}/{records[dt.name]}"})
	for report in frappe.get_all(
		"Report",
		filters={"module": ["in", app_modules()], "disabled": 0, "is_standard": "Yes"},  # the app's own
		fields=["name", "report_type", "ref_doctype"],
		order_by="name asc",
	):
		if not report_permitted(report.name, user):
			skipped.append(f"report {report.name}: not permitted")
			continue
		if report.report_type == "Report Builder":
			path = f"/app/{slug(report.ref_doctype)}/view/report/{report.name}"
		else:
			path = f"/app/query-report/{report.name}"
		routes.append({"kind": "report", "doctype": report.name, "path": path})
	for workspace in frappe.get_all(
		"Workspace", filters={"module": ["in", app_modules()]}, fields=["name", "title"], order_by="name"
	):
		routes.append(
			{"kind": "workspace", "doctype": workspace.name, "path": f"/app/{slug(workspace.name)}"}
		)
	return routes, skipped


def build() -> dict:
	suffix = random_string(6)
	records = {dt.name: ensure_record(dt.name, suffix) for dt in app_doctypes() if not dt.issingle}
	users = {kind: make_desk_user(kind) for kind in ROLES}
	frappe.db.commit()
	world = {"password": PASSWORD, "records": records, "users": {}}
	for kind, user in users.items():
		routes, skipped = routes_for(user, records)
		world["users"][kind] = {"user": user, "routes": routes, "skipped": skipped}
	return world
