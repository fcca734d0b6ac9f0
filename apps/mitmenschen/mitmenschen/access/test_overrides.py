"""The upgrade check of the access package's overrides of Frappe's methods: a Frappe upgrade that renames,
drops or adds a parameter of a method we replace fails here, before the desk calls our version with an
argument it does not take (or a partner reaches the original through a new name)."""

import importlib
import inspect

import frappe
from frappe.tests.utils import FrappeTestCase

from mitmenschen.access import api_guards

# Frappe's method -> ours (hooks.py, override_whitelisted_methods)
OVERRIDES = {
	"frappe.client.get_count": api_guards.get_count,
	"frappe.desk.form.load.getdoc": api_guards.getdoc,
	"frappe.desk.form.load.get_docinfo": api_guards.get_docinfo,
}


def resolve(path: str):
	module, _, name = path.rpartition(".")
	return getattr(importlib.import_module(module), name)


def parameters(fn) -> list[tuple[str, object]]:
	return [(p.name, p.default) for p in inspect.signature(inspect.unwrap(fn)).parameters.values()]


class TestOverrides(FrappeTestCase):
	def test_hooks_route_frappes_methods_to_ours(self) -> None:
		hooked = frappe.get_hooks("override_whitelisted_methods")
		for original, ours in OVERRIDES.items():
			with self.subTest(original):
				self.assertEqual(hooked.get(original), [f"{ours.__module__}.{ours.__name__}"])
				self.assertIn(ours, frappe.whitelisted)

	def test_ours_take_exactly_frappes_parameters(self) -> None:
		for original, ours in OVERRIDES.items():
			with self.subTest(original):
				frappes = resolve(original)
				self.assertIn(frappes, frappe.whitelisted, f"{original} is no longer a whitelisted method")
				self.assertEqual(parameters(ours), parameters(frappes))

	def test_the_count_obeys_permissions(self) -> None:
		"""Why get_count is replaced: Frappe's counts with plain SQL, ours through get_list."""
		self.assertIn("frappe.db.count", inspect.getsource(resolve("frappe.client.get_count")))
		frappe.set_user("Guest")
		try:
			with self.assertRaises(frappe.PermissionError):
				api_guards.get_count("Mediation Case")
		finally:
			frappe.set_user("Administrator")
