"""Every whitelisted method of the app types its arguments: Frappe 15 then validates what callers send
(`frappe.utils.typing_validations`), and hooks' `require_type_annotated_api_methods` makes later
Frappe versions refuse an unannotated one. Frappe 15 does not enforce that hook yet; this test does."""

import importlib
import inspect
import pkgutil

import frappe
from frappe.tests.utils import FrappeTestCase

import mitmenschen


def import_app_modules() -> None:
	"""Whitelisting happens at import: load every module of the app except tests and scripts run by hand."""
	for module in pkgutil.walk_packages(mitmenschen.__path__, "mitmenschen."):
		name = module.name
		if ".test_" in name or name.startswith(("mitmenschen.tests", "mitmenschen.benchmarks")):
			continue
		importlib.import_module(name)


def unannotated(fn) -> list[str]:
	fn = inspect.unwrap(fn)
	signature = inspect.signature(fn)
	return [
		name
		for name, parameter in signature.parameters.items()
		if parameter.annotation is inspect.Parameter.empty
		and parameter.kind not in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD)
	]


class TestApiAnnotations(FrappeTestCase):
	def test_hook_is_set(self) -> None:
		self.assertTrue(frappe.get_hooks("require_type_annotated_api_methods", app_name="mitmenschen"))

	def test_every_whitelisted_method_is_annotated(self) -> None:
		import_app_modules()
		ours = [fn for fn in frappe.whitelisted if inspect.unwrap(fn).__module__.startswith("mitmenschen.")]
		self.assertGreater(len(ours), 10)
		missing = {
			f"{inspect.unwrap(fn).__module__}.{inspect.unwrap(fn).__name__}": unannotated(fn)
			for fn in ours
			if unannotated(fn)
		}
		self.assertEqual(missing, {}, "whitelisted methods with untyped arguments")
