"""One refusal for portal users: "not yours" and "not there" answer alike.

Frappe answers a record the caller may not read with 403 PermissionError ("User x does not have
access to this document: Mediation Case - MC-2026-00042") and a name that does not exist with 404
DoesNotExistError ("Mediation Case MC-2026-00043 not found"); dozens of Frappe and ERPNext routes
go further and load the record without asking (answering, crashing on it, or telling its title).
For a partner or tenant each difference is an existence oracle: case names are sequential, so
probing them tells how many cases another organisation has and when they came in. A Frappe
upgrade adds routes, so patching them one by one cannot keep up (tests/test_route_audit.py calls
every route the installed code whitelists and finds the differences).

Two hooks close them for website users (partners, tenants; portal users have no desk) and leave
desk users — clerks, managers — with Frappe's answers, which tell them what is missing:

- `refuse_unreadable_records` (an `auth_hooks` entry: Frappe runs it once the user is known, by
  cookie, API key or OAuth token, and before any route): an API request that names a record of a protected
  doctype — a doctype and a name in the path or the arguments (`doctype`+`name`, `dt`+`dn`,
  `reference_doctype`+`reference_name`, `party_type`+`party`, a document as JSON, an argument named
  after the doctype such as ERPNext's `customer`) — is refused
  before any route runs unless the user may read that record. A record that does not exist cannot
  be read either, so both get the same refusal, whatever the route would have done.
  Protected: the app's doctypes (households included) and the ERP's tenant and property doctypes
  of Mit:Menschen Settings (Customer and Location by default).
- `make_refusals_uniform` (after_request): every API answer that refuses with a permission or
  existence error, raised by the guard or by any route on any doctype, becomes one fixed answer:
  404, DoesNotExistError, Frappe's own "not available" message, no name, no traceback.

404 rather than 403 follows the portal's own rule (portal/guard.py) and GitHub's for private
repositories: what you may not see does not exist for you. Timing is out of scope.
"""

import json

import frappe
from frappe import _

from mitmenschen.erp.records import get_property_doctype, get_tenant_doctype

WEBSITE_USER = "Website User"
APP = "mitmenschen"
STATUSES = frozenset({403, 404})
# the refusals Frappe raises for "no permission" and "no such record" (and the portal's 404)
REFUSALS = frozenset(
	{
		"PermissionError",
		"DoesNotExistError",
		"PageDoesNotExistError",
		"PortalNotFoundError",
		"RecordNotAvailable",
	}
)
# request arguments that name a doctype, and those that name a record of it
DOCTYPE_KEYS = ("doctype", "dt", "doc_type", "reference_doctype", "ref_doctype", "link_doctype", "party_type")
NAME_KEYS = ("name", "docname", "dn", "doc_name", "reference_name", "link_name", "party", "names", "docnames")
DOCUMENT_KEYS = ("doc", "docs")
# desk writes Frappe saves without asking for permission: a portal user, who has no desk, saved a
# Report Builder report named after its own case into the clerks' report list
DESK_ONLY_WRITES = frozenset({"frappe.desk.reportview.save_report", "frappe.desk.reportview.delete_report"})


class RecordNotAvailable(frappe.DoesNotExistError):
	pass


def is_portal_user() -> bool:
	session = getattr(frappe.local, "session", None)
	user = session.user if session else None
	if not user or user in ("Guest", "Administrator"):
		return False
	return frappe.get_cached_value("User", user, "user_type") == WEBSITE_USER


def protected_doctypes() -> frozenset[str]:
	"""The app's doctypes and the ERP's tenant and property doctypes; child tables are left out
	(their rows have random names and are read through their parent)."""
	doctypes = getattr(frappe.local, "mitmenschen_protected_doctypes", None)
	if doctypes is None:
		modules = frappe.get_all("Module Def", filters={"app_name": APP}, pluck="name")
		ours = frappe.get_all("DocType", filters={"module": ("in", modules), "istable": 0}, pluck="name")
		doctypes = frozenset((*ours, get_tenant_doctype(), get_property_doctype()))
		frappe.local.mitmenschen_protected_doctypes = doctypes
	return doctypes


def as_names(value) -> list[str]:
	if isinstance(value, str) and value.startswith("["):
		try:
			value = json.loads(value)
		except ValueError:
			return [value]
	if isinstance(value, list | tuple):
		return [item for item in value if isinstance(item, str)]
	return [value] if isinstance(value, str) else []


def as_documents(value) -> list[dict]:
	if isinstance(value, str) and value[:1] in ("[", "{"):
		try:
			value = json.loads(value)
		except ValueError:
			return []
	if isinstance(value, dict):
		return [value]
	return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def named_records(request, args: dict, doctypes: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
	"""(doctype, name) of every record the request names: in its path, in a pair of arguments, as a
	document, or in an argument named after one of `doctypes` (ERPNext's `customer=`)."""
	from frappe.api import API_URL_MAP

	records = []
	try:
		_endpoint, path_args = API_URL_MAP.bind_to_environ(request.environ).match()
	except Exception:
		path_args = {}
	if path_args.get("doctype") and path_args.get("name"):
		records.append((path_args["doctype"], path_args["name"]))
	doctype = next((args[key] for key in DOCTYPE_KEYS if isinstance(args.get(key), str)), None)
	if doctype is None and isinstance(args.get("doc"), str) and "name" in args:
		doctype = args["doc"]  # frappe.www.printview: doc is the doctype when a name is given
	if doctype:
		for key in NAME_KEYS:
			records += [(doctype, name) for name in as_names(args.get(key))]
	for named in doctypes:
		records += [(named, name) for name in as_names(args.get(frappe.scrub(named)))]
	if "party" in args and "party_type" not in args:  # ERPNext's party routes default to Customer
		records += [("Customer", name) for name in as_names(args["party"])]
	for key in DOCUMENT_KEYS:
		records += [
			(doc["doctype"], doc["name"])
			for doc in as_documents(args.get(key))
			if isinstance(doc.get("doctype"), str) and isinstance(doc.get("name"), str)
		]
	return records


def may_read(doctype: str, name: str) -> bool:
	try:
		return frappe.has_permission(doctype, "read", doc=name)
	except frappe.DoesNotExistError:
		return False


def refuse_unreadable_records() -> None:
	"""auth hook: a portal user's API request naming a protected record it may not read
	(or that does not exist) is refused before any route runs."""
	request = getattr(frappe.local, "request", None)
	if request is None or not request.path.startswith("/api/") or not is_portal_user():
		return
	if request.path.rstrip("/").rsplit("/", 1)[-1] in DESK_ONLY_WRITES:
		frappe.clear_messages()
		raise RecordNotAvailable
	protected = protected_doctypes()
	args = frappe.local.form_dict or {}
	if lists_rows_of(request, args, protected):
		frappe.clear_messages()
		raise RecordNotAvailable
	for doctype, name in named_records(request, args, protected):
		if doctype in protected and not may_read(doctype, name):
			frappe.clear_messages()
			raise RecordNotAvailable


def lists_rows_of(request, args: dict, protected: frozenset[str]) -> bool:
	"""A list of a protected doctype's child table (`frappe.client.get_list` or `/api/resource/<child>`
	with `parent`): Frappe checks that the user may read the parent doctype, not which parent records
	the rows belong to, so a partner would read the rows of other pools' records. Portal pages read
	rows through their parent record, never as a list."""
	parent = args.get("parent") or args.get("parent_doctype")
	if parent not in protected:
		return False
	doctype = args.get("doctype") or path_doctype(request)
	return isinstance(doctype, str) and bool(frappe.db.get_value("DocType", doctype, "istable"))


def path_doctype(request) -> str | None:
	from frappe.api import API_URL_MAP

	try:
		_endpoint, path_args = API_URL_MAP.bind_to_environ(request.environ).match()
	except Exception:
		return None
	return path_args.get("doctype")


def refused_type(body: dict) -> str | None:
	if isinstance(body.get("exc_type"), str):
		return body["exc_type"]
	errors = body.get("errors")
	if isinstance(errors, list) and errors and isinstance(errors[0], dict):
		return errors[0].get("type")
	return None


def uniform_body(v2: bool) -> dict:
	title, message = _("Not Found"), _("The resource you are looking for is not available")
	if v2:
		return {
			"errors": [{"type": "DoesNotExistError", "title": title, "message": message, "indicator": "red"}]
		}
	notice = {"message": message, "title": title, "indicator": "red", "raise_exception": 1}
	return {"exc_type": "DoesNotExistError", "_server_messages": json.dumps([json.dumps(notice)])}


def make_refusals_uniform(response=None, request=None) -> None:
	"""after_request hook (frappe/app.py runs it for every request, answered or failed)."""
	if response is None or request is None or response.status_code not in STATUSES:
		return
	if not request.path.startswith("/api/") or response.mimetype != "application/json":
		return
	if not is_portal_user():
		return
	try:
		body = json.loads(response.get_data())
	except ValueError:
		return
	if not isinstance(body, dict) or refused_type(body) not in REFUSALS:
		return
	response.set_data(json.dumps(uniform_body(v2=request.path.startswith("/api/v2/"))))
	response.status_code = 404
