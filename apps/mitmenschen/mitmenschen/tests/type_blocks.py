"""The typed block Frappe generates in each controller (`# begin: auto-generated types`) must say what
the doctype's JSON says; it drifts when the JSON is edited by hand instead of saved in the desk.

	bench --site <test site> execute mitmenschen.tests.type_blocks.export   # regenerate all blocks
	`test_type_blocks` fails (and so CI fails) on any drift.
"""

import ast
import json
import textwrap
from pathlib import Path

import frappe
from frappe.types.exporter import TypeExporter, end_block, start_block

APP = "mitmenschen"


def doctype_files() -> list[Path]:
	app = Path(frappe.get_app_path(APP))
	return sorted(path for path in app.glob("*/doctype/*/*.json") if path.stem == path.parent.name)


def exporter(path: Path) -> TypeExporter:
	"""Frappe's own exporter, fed from the committed JSON (not the site's database)."""
	doc = frappe.get_doc(json.loads(path.read_text()))
	type_exporter = TypeExporter(doc)
	type_exporter._guess_indentation()
	return type_exporter


def current_block(controller: Path) -> str | None:
	code = controller.read_text()
	start, end = code.find(start_block), code.find(end_block)
	if start < 0 or end < 0:
		return None
	line_start = code.rfind("\n", 0, start) + 1  # the block is indented inside the class
	return code[line_start : end + len(end_block)]


def same_code(block: str | None, generated: str) -> bool:
	"""Equal as Python (ruff formats the committed block; Frappe writes long lines)."""
	if block is None:
		return False
	dump = lambda code: ast.dump(ast.parse(textwrap.dedent(code)))  # noqa: E731
	return dump(block) == dump(generated)


def drifted() -> list[str]:
	"""Doctypes whose controller's typed block differs from the one their JSON generates."""
	found = []
	for path in doctype_files():
		type_exporter = exporter(path)
		if not same_code(current_block(type_exporter.controller_path), type_exporter._generate_code()):
			found.append(type_exporter.doctype)
	return found


def export() -> list[str]:
	"""Regenerate the drifted blocks in place; returns the doctypes written."""
	written = drifted()
	for path in doctype_files():
		type_exporter = exporter(path)
		if type_exporter.doctype in written:
			type_exporter.export_types()
	return written
