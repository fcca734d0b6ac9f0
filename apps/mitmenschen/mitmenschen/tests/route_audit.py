"""The route audit: every whitelisted route that takes a doctype and a name or filters, read from code.

An existence oracle is a route whose answer for "exists, but not yours" differs from its answer for
"does not exist". Names are sequential (MC-2026-00042), so one such route tells a partner or tenant
how many cases another organisation has and when they came. A hand-written list of routes would
miss the one a Frappe upgrade adds; this module generates the list inside the site, from the
installed code:

1. import every module of frappe, erpnext and mitmenschen whose source says `whitelist(` (that
   fills `frappe.whitelisted`, Frappe's registry of callable functions);
2. keep each function whose signature takes a doctype (`doctype`, `dt`, `reference_doctype` …)
   together with a name, names, filters or a document, or whose doctype is implied (a controller
   module's functions, a parameter named after the doctype: `customer`, `case`, `household`);
3. add the REST routes of `frappe.api` that carry `<doctype>` and `<name>` (`/api/resource/…`,
   `/api/v2/document/…`) and, for each doctype the audit targets, `run_doc_method` with every
   whitelisted method of its controller class.

`bench --site <site> execute mitmenschen.tests.route_audit.generate` prints the list as JSON; the
end-to-end suite `tests/test_route_audit.py` calls each route over HTTP for pairs of records and
compares the answers. `build_world` makes the pairs: another organisation's records, a tenant's
and the ERP's, each beside a name of the same pattern that does not exist.
"""

import importlib
import inspect
import os
import re

import frappe
from frappe.utils import random_string
from frappe.utils.password import update_password

from mitmenschen.tests import interpreting_world, isolation_world
from mitmenschen.tests.factories import make_flat, make_staff_user

APPS = ("frappe", "erpnext", "mitmenschen")
SKIPPED_DIRS = frozenset({"node_modules", "__pycache__", "public", "tests", "patches"})

DOCTYPE_PARAMS = (
	"doctype",
	"dt",
	"doc_type",
	"reference_doctype",
	"ref_doctype",
	"link_doctype",
	"document_type",
	"parent_doctype",
)
# what the audit puts into the name-like parameter: the name itself, a list of names, filters, a doc
NAME_PARAMS = {
	"name": "name",
	"docname": "name",
	"dn": "name",
	"doc_name": "name",
	"reference_name": "name",
	"link_name": "name",
	"source_name": "name",
	"document_name": "name",
	"txt": "name",
	"names": "names",
	"docnames": "names",
	"items": "names",
	"filters": "filters",
	"or_filters": "filters",
	"doc": "doc",
	"docs": "doc",
}
# doctypes the audit asks about, and the short parameter names routes use for them
TARGET_DOCTYPES = {
	"Mediation Case": ("case", "mediation_case"),
	"Round Table Action": ("action", "round_table_action"),
	"Round Table Meeting": ("meeting", "round_table_meeting"),
	"Partner Contact": ("contact", "partner_contact"),
	"Refugee Household": ("household", "refugee_household"),
	"Household Referral": ("household_referral",),
	"Interpreter Booking": ("booking", "interpreter_booking"),
	"Language Mediator": ("mediator", "language_mediator"),
	"Early Signal": ("early_signal",),
	"Customer": ("customer", "party", "tenant"),
	"Location": ("location", "property_unit"),
}


def whitelisted_modules(app: str):
	"""Dotted names of the app's modules whose source mentions `whitelist(`."""
	root = frappe.get_app_path(app)
	base = os.path.dirname(root)
	for dirpath, dirnames, files in os.walk(root):
		dirnames[:] = sorted(d for d in dirnames if d not in SKIPPED_DIRS)
		for file in sorted(files):
			if not file.endswith(".py") or file.startswith("test_"):
				continue
			path = os.path.join(dirpath, file)
			with open(path, encoding="utf-8", errors="ignore") as source:
				if "whitelist(" not in source.read():
					continue
			module = os.path.relpath(path, base)[:-3].replace(os.sep, ".")
			yield module.removesuffix(".__init__")


def import_all() -> tuple[int, list[str]]:
	"""Import every module that may define whitelisted functions; (modules, failures)."""
	count, failures = 0, []
	for app in APPS:
		for module in whitelisted_modules(app):
			count += 1
			try:
				importlib.import_module(module)
			except Exception as error:
				failures.append(f"{module}: {error!r}"[:200])
	return count, failures


def doctype_of_module(module: str, names_by_folder: dict[str, str]) -> str | None:
	"""A controller module (…/doctype/<folder>/<folder>.py) implies its doctype."""
	parts = module.split(".")
	if len(parts) >= 3 and parts[-3] == "doctype" and parts[-1] == parts[-2]:
		return names_by_folder.get(parts[-1])
	return None


def parameters_of(fn) -> dict[str, inspect.Parameter] | None:
	try:
		return dict(inspect.signature(fn).parameters)
	except (TypeError, ValueError):
		return None


def alias_doctypes(params: dict) -> dict[str, str]:
	"""Parameters named after a target doctype: {parameter: doctype}."""
	found = {}
	for doctype, aliases in TARGET_DOCTYPES.items():
		for alias in (frappe.scrub(doctype), *aliases):
			if alias in params:
				found.setdefault(alias, doctype)
	return found


def fillers(params: dict, skip: set[str]) -> dict[str, str]:
	"""Required parameters the audit does not probe get a neutral value, the same for both records."""
	neutral = {
		"fieldname": "name",
		"field": "name",
		"fields": '["name"]',
		"party_type": "Customer",
	}
	return {
		name: neutral.get(name, "x")
		for name, param in params.items()
		if name not in skip
		and param.default is inspect.Parameter.empty
		and param.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
	}


def reads_form_dict(fn, params: dict) -> bool:
	"""A route without named parameters that reads its doctype from the request (`frappe.form_dict`,
	`get_form_params`): the desk's list, count and export routes are written this way."""
	named = [p for p in params.values() if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
	if named:
		return False
	try:
		source = inspect.getsource(inspect.unwrap(fn))
	except (OSError, TypeError):
		return False
	return "doctype" in source and ("form_dict" in source or "get_form_params" in source)


def http_method(fn) -> str:
	allowed = frappe.allowed_http_methods_for_whitelisted_func.get(fn) or ["POST"]
	return "POST" if "POST" in allowed else allowed[0]


def function_routes(names_by_folder: dict[str, str]) -> list[dict]:
	overridden = set(frappe.get_hooks("override_whitelisted_methods") or {})
	routes = []
	for fn in frappe.whitelisted:
		params = parameters_of(fn)
		if params is None or "self" in params or "." in fn.__qualname__:
			continue  # controller methods: reached through run_doc_method (below)
		path = f"{fn.__module__}.{fn.__name__}"
		doctype_param = next((p for p in DOCTYPE_PARAMS if p in params), None)
		if doctype_param is None and "doc" in params and "name" in params:
			doctype_param = "doc"  # frappe.www.printview: doc is the doctype when a name is given
		name_params = [p for p in NAME_PARAMS if p in params and p != doctype_param]
		implied = alias_doctypes(params)
		module_doctype = doctype_of_module(fn.__module__, names_by_folder)
		if not doctype_param and reads_form_dict(fn, params):
			doctype_param, name_params = "doctype", ["filters"]  # reportview.get, export_query …
		if doctype_param and name_params:
			kind, doctypes = "free", None
		elif implied:
			kind, doctypes = "alias", None
			name_params = list(implied)
		elif module_doctype in TARGET_DOCTYPES and name_params:
			kind, doctypes = "module", [module_doctype]
		else:
			continue
		for name_param in name_params:
			routes.append(
				{
					"route": path,
					"url": f"/api/method/{path}",
					"http": http_method(fn),
					"kind": kind,
					"doctype_param": doctype_param if kind == "free" else None,
					"name_param": name_param,
					"shape": NAME_PARAMS.get(name_param, "name"),
					"doctypes": [implied[name_param]] if kind == "alias" else doctypes,
					"fill": fillers(params, {doctype_param, name_param}),
					"overridden": path in overridden,
				}
			)
	return routes


def rest_routes() -> list[dict]:
	"""`frappe.api`'s URL rules with a doctype and a name in the path."""
	from frappe.api import API_URL_MAP

	routes = []
	for rule in API_URL_MAP.iter_rules():
		if set(rule.arguments) != {"doctype", "name"}:
			continue
		template = re.sub(r"<(?:path:)?(\w+)>", r"{\1}", rule.rule).rstrip("/")
		for method in sorted((rule.methods or {"GET"}) - {"HEAD", "OPTIONS"}):
			routes.append(
				{
					"route": f"{method} {template}",
					"url": template,
					"http": method,
					"kind": "rest",
					"doctype_param": None,
					"name_param": None,
					"shape": "path",
					"doctypes": None,
					"fill": {},
					"overridden": False,
				}
			)
	return routes


def controller_routes() -> list[dict]:
	"""`run_doc_method` with each whitelisted method of the target doctypes' controller classes."""
	from frappe.model.base_document import get_controller

	whitelisted = set(frappe.whitelisted)
	routes = []
	for doctype in TARGET_DOCTYPES:
		methods = set()
		for cls in inspect.getmro(get_controller(doctype)):
			methods.update(
				name
				for name, attr in vars(cls).items()
				if callable(attr) and getattr(attr, "__func__", attr) in whitelisted
			)
		for method in sorted(methods):
			routes.append(
				{
					"route": f"run_doc_method {doctype}.{method}",
					"url": "/api/method/run_doc_method",
					"http": "POST",
					"kind": "controller",
					"doctype_param": "dt",
					"name_param": "dn",
					"shape": "name",
					"doctypes": [doctype],
					"fill": {"method": method},
					"overridden": False,
				}
			)
	return routes


def generate() -> dict:
	"""The audit's routes, generated from the installed code (JSON for `bench execute`)."""
	modules, failures = import_all()
	names_by_folder = {frappe.scrub(name): name for name in frappe.get_all("DocType", pluck="name")}
	routes = function_routes(names_by_folder) + rest_routes() + controller_routes()
	routes.sort(key=lambda route: (route["route"], route["name_param"] or ""))
	return {
		"modules": modules,
		"import_failures": failures,
		"whitelisted": len(frappe.whitelisted),
		"routes": routes,
		"distinct_routes": len({route["route"] for route in routes}),
	}


# ---- the records the audit asks about ---------------------------------------------------------


def ghost_name(doctype: str, name: str) -> str:
	"""A name of the same pattern that does not exist: the same series' number far beyond the
	counter (MC-2026-00042 -> MC-2026-90042), or the same words with other letters."""
	match = re.search(r"(\d+)$", name)
	if match:
		digits = match.group(1)
		for lead in "987654321":
			candidate = name[: match.start()] + lead + digits[1:]
			if candidate != name and not frappe.db.exists(doctype, candidate):
				return candidate
	candidate = name[:-6] + random_string(6).lower() if len(name) > 6 else name + "x"
	assert not frappe.db.exists(doctype, candidate)
	return candidate


def pair(doctype: str, name: str) -> dict:
	return {"doctype": doctype, "name": name, "ghost": ghost_name(doctype, name)}


def build_world() -> dict:
	"""Organisations A and B (isolation_world), two tenants, a flat of the ERP's property tree, a
	clerk; for each record the audit targets, a ghost name of the same pattern."""
	world = isolation_world.build()
	suffix = world["A"]["case_subject"].rsplit(" ", 1)[-1]
	category = frappe.db.get_value("Mediation Case", world["A"]["case"], "category")
	other_tenant = isolation_world.build_tenant(f"{suffix}b", category)
	flat = make_flat()["flat"]
	clerk = make_staff_user("Mit:Menschen Clerk")
	update_password(clerk, isolation_world.PASSWORD)
	frappe.db.commit()
	world["clerk"] = {"user": clerk, "password": isolation_world.PASSWORD}
	world["other_tenant"] = other_tenant
	mediator, booking = interpreting_world.audit_records(world["B"]["organisation"])
	world["pairs"] = {
		"A": [
			pair("Mediation Case", world["B"]["case"]),
			pair("Round Table Action", world["B"]["action"]),
			pair("Partner Contact", world["B"]["contact"]),
			pair("Refugee Household", world["B"]["household"]),
			pair("Early Signal", world["B"]["early_signal"]),
			pair("Language Mediator", mediator),
			pair("Interpreter Booking", booking),
			pair("Customer", world["tenant"]["tenant"]),
			pair("Location", flat),
		],
		"tenant": [
			pair("Mediation Case", world["A"]["case"]),
			pair("Mediation Case", other_tenant["case"]),
			pair("Round Table Action", world["A"]["action"]),
			pair("Partner Contact", world["A"]["contact"]),
			pair("Refugee Household", world["A"]["household"]),
			pair("Early Signal", world["A"]["early_signal"]),
			pair("Language Mediator", mediator),
			pair("Interpreter Booking", booking),
			pair("Customer", other_tenant["tenant"]),
			pair("Location", flat),
		],
		# positive control: the partner's own case, which it may read, beside a ghost
		"own": [pair("Mediation Case", world["A"]["case"])],
	}
	return world
