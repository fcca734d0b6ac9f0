"""Publish shared texts as one versioned package; import it without overwriting local changes.

An item is identified across sites by its name (house rules by "<title> v<version>", so a new version
is a new item) and compared by the hash of its shared content. On import:
- not there yet: created;
- the same content: unchanged;
- different, and the local copy is still what the last import brought: updated;
- different, and edited locally since (or never imported): kept, and listed as "Kept Local Changes"
  on the import's log, so that a manager decides; nothing is overwritten silently.

Files (the German PDF, translations' PDFs) stay with the publisher: a package carries text only.
Users are not shared either: an onboarding step owned by a user becomes the clerks' step.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

import frappe
from frappe import _
from frappe.utils import now_datetime

FORMAT = 1
HOUSE_RULES, CATEGORY, EMAIL_TEMPLATE, ONBOARDING = (
	"House Rules",
	"Case Category",
	"Email Template",
	"Onboarding Template",
)
CREATED, UPDATED, UNCHANGED, KEPT = "Created", "Updated", "Unchanged", "Kept Local Changes"
APP_TEMPLATES = "Mit:Menschen %"  # the Email Templates the app made and the cooperative edits
CLERK_ROLE = "Mit:Menschen Clerk"


class InvalidPackageError(frappe.ValidationError):
	pass


def _rows(doc, table: str, fields: tuple[str, ...]) -> list[dict]:
	return [{field: row.get(field) for field in fields} for row in doc.get(table) or []]


def _fields(doc, fields: tuple[str, ...]) -> dict:
	return {field: doc.get(field) for field in fields}


def _house_rules(doc) -> dict:
	data = _fields(
		doc,
		(
			"title",
			"version",
			"german_text",
			"night_rest_from",
			"night_rest_until",
			"midday_rest_from",
			"midday_rest_until",
		),
	)
	data["valid_from"] = str(doc.valid_from) if doc.valid_from else None
	data["translations"] = [
		{**row, "checked_on": str(row["checked_on"]) if row["checked_on"] else None}
		for row in _rows(
			doc, "translations", ("language", "text", "translated_by", "checked_by", "checked_on")
		)
	]
	return data


def _category(doc) -> dict:
	data = _fields(doc, ("category_name", "default_priority", "description", "follow_up_days"))
	data["playbook"] = _rows(doc, "playbook", ("step", "action_type", "days_after", "mandatory"))
	return data


def _email_template(doc) -> dict:
	return {"name": doc.name, **_fields(doc, ("subject", "use_html", "response_html", "response"))}


def _onboarding(doc) -> dict:
	data = _fields(doc, ("template_name", "description"))
	steps = _rows(
		doc,
		"steps",
		("step", "day_offset", "responsible_type", "responsible", "for_each_child", "description"),
	)
	for step in steps:
		if step["responsible_type"] == "User":  # a person of the publisher's site
			step["responsible_type"], step["responsible"] = "Role", CLERK_ROLE
	data["steps"] = steps
	return data


@dataclass(frozen=True)
class Kind:
	doctype: str
	serialise: Callable[[object], dict]
	names: Callable[[], list[str]]  # what a publisher shares of this kind


KINDS: dict[str, Kind] = {
	HOUSE_RULES: Kind(HOUSE_RULES, _house_rules, lambda: frappe.get_all(HOUSE_RULES, pluck="name")),
	CATEGORY: Kind(CATEGORY, _category, lambda: frappe.get_all(CATEGORY, pluck="name")),
	EMAIL_TEMPLATE: Kind(
		EMAIL_TEMPLATE,
		_email_template,
		lambda: frappe.get_all(EMAIL_TEMPLATE, filters={"name": ["like", APP_TEMPLATES]}, pluck="name"),
	),
	ONBOARDING: Kind(ONBOARDING, _onboarding, lambda: frappe.get_all(ONBOARDING, pluck="name")),
}


def content_hash(data: dict) -> str:
	return hashlib.sha256(
		json.dumps(data, sort_keys=True, ensure_ascii=False, default=str).encode()
	).hexdigest()


def publisher_name() -> str:
	return (
		frappe.db.get_default("company") or frappe.db.get_single_value("Website Settings", "app_name") or ""
	)


def publish(kinds: list[str] | None = None) -> dict:
	"""The package: every shared item of the given kinds (all by default), with its content's hash."""
	items = []
	for kind_name in kinds or list(KINDS):
		kind = KINDS[kind_name]
		for name in sorted(kind.names()):
			data = kind.serialise(frappe.get_doc(kind.doctype, name))
			items.append({"kind": kind_name, "name": name, "hash": content_hash(data), "data": data})
	return {
		"format": FORMAT,
		"publisher": publisher_name(),
		"published_on": str(now_datetime()),
		"version": content_hash([item["hash"] for item in items])[:12],
		"items": items,
	}


def validate_package(package: object) -> None:
	def bad(reason: str):
		frappe.throw(
			_("This is not a Mit:Menschen package: {0}").format(reason),
			title=_("Invalid Package"),
			exc=InvalidPackageError,
		)

	if not isinstance(package, dict) or package.get("format") != FORMAT:
		bad(_("unknown format"))
	if not isinstance(package.get("items"), list):
		bad(_("no items"))
	for item in package["items"]:
		if (
			not isinstance(item, dict)
			or item.get("kind") not in KINDS
			or not isinstance(item.get("data"), dict)
		):
			bad(_("an item of unknown kind"))
		if not item.get("name") or content_hash(item["data"]) != item.get("hash"):
			bad(_("an item was changed after publishing"))


def import_package(package: dict) -> str:
	"""Imports a published package; returns the name of its Federation Import log."""
	validate_package(package)
	log = frappe.new_doc("Federation Import")
	log.publisher = package.get("publisher")
	log.version = package.get("version")
	log.published_on = package.get("published_on")
	log.imported_on = now_datetime()
	for item in package["items"]:
		action = import_item(item)
		log.append(
			"items",
			{"kind": item["kind"], "item": item["name"], "action": action, "content_hash": item["hash"]},
		)
	log.kept_local = sum(row.action == KEPT for row in log.items)
	log.insert(ignore_permissions=True)
	return log.name


def last_imported_hash(kind: str, name: str) -> str | None:
	rows = frappe.get_all(
		"Federation Import Item",
		filters={"kind": kind, "item": name, "action": ["in", [CREATED, UPDATED, UNCHANGED]]},
		fields=["content_hash"],
		order_by="creation desc",
		limit=1,
	)
	return rows[0].content_hash if rows else None


def import_item(item: dict) -> str:
	kind = KINDS[item["kind"]]
	if not frappe.db.exists(kind.doctype, item["name"]):
		write(item["kind"], frappe.new_doc(kind.doctype), item["data"])
		return CREATED
	doc = frappe.get_doc(kind.doctype, item["name"])
	local = content_hash(kind.serialise(doc))
	if local == item["hash"]:
		return UNCHANGED
	if local != last_imported_hash(item["kind"], item["name"]):
		return KEPT  # edited here since the last import, or made here: the cooperative's text stays
	write(item["kind"], doc, item["data"])
	return UPDATED


def write(kind: str, doc, data: dict) -> None:
	"""The shared content onto a new or an unchanged local document."""
	tables = {"translations", "playbook", "steps"}
	for field, value in data.items():
		if field == "name":
			continue
		if field in tables:
			doc.set(field, [])
			for row in value:
				doc.append(field, row)
		else:
			doc.set(field, value)
	if kind == EMAIL_TEMPLATE and doc.is_new():
		doc.name = data["name"]
	doc.flags.ignore_permissions = True
	doc.save() if not doc.is_new() else doc.insert()


@frappe.whitelist(methods=["GET"])
def download() -> None:
	"""The package as a file, for a manager of the publishing site."""
	frappe.only_for(("Mit:Menschen Manager", "System Manager"))
	frappe.response["type"] = "download"
	frappe.response["filename"] = f"mitmenschen-package-{now_datetime():%Y-%m-%d}.json"
	frappe.response["filecontent"] = json.dumps(publish(), ensure_ascii=False, indent=1, default=str)


@frappe.whitelist(methods=["POST"])
def upload(package: str) -> str:
	"""A package (the file's text) imported by a manager of a member site."""
	frappe.only_for(("Mit:Menschen Manager", "System Manager"))
	try:
		data = json.loads(package)
	except (TypeError, ValueError):
		data = None
	return import_package(data)


def export_file(path: str, kinds: list[str] | None = None) -> dict:
	"""For an operator: `bench --site <publisher> execute mitmenschen.federation.package.export_file
	--kwargs '{"path": "package.json"}'`."""
	data = publish(kinds)
	with open(path, "w", encoding="utf-8") as file:
		json.dump(data, file, ensure_ascii=False, indent=1, default=str)
	return {"version": data["version"], "items": len(data["items"])}


def import_file(path: str) -> dict:
	"""For an operator: `bench --site <member> execute mitmenschen.federation.package.import_file
	--kwargs '{"path": "package.json"}'`; prints what happened to each item."""
	with open(path, encoding="utf-8") as file:
		name = import_package(json.load(file))
	frappe.db.commit()
	log = frappe.get_doc("Federation Import", name)
	return {"log": name, "items": {row.item: row.action for row in log.items}}
