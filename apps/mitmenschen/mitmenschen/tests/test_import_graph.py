"""The app's top-level packages import only packages below them: the import graph has no cycle, and
every edge points down the layers README's architecture section describes. A new package must be
placed in a layer here before it can import anything. Between modules (files), inside a package and
across packages, there is no circle either: imports inside functions count like those at the top.

Imports under `if TYPE_CHECKING:` are left out: Frappe generates them for child-table types, and they
never run. Test modules (and the `tests` package) sit above everything and are left out too.

A module's Script Reports (`<module>/report/…`) are a surface over the figures, not part of their
module's layer: they count as the package "reports", which may read `evidence` and `translations`.
"""

import ast
import tempfile
from pathlib import Path

import frappe
from frappe.tests.utils import FrappeTestCase

# lowest first; a package may import packages of lower layers only
LAYERS: list[set[str]] = [
	{"language", "dates", "rich_text", "erp", "names", "bulk"},  # languages, dates, inert formatted text; ERP records; name keys
	{"mitmenschen_setup", "config", "templates", "outbound", "name_search"},  # settings and masters; the way out for messages; search by name key
	{"workflows", "escalation", "privacy", "backups", "replica", "access"},  # machinery that knows no client
	{"partners"},
	{"households", "round_table"},
	{"mediation"},
	{"interpreting"},  # language mediators booked from cases, households and meetings
	{"early_signals"},  # arrears and other early signs become an offer of support
	{"evidence"},  # figures for reports, dashboard and the half-year report
	{"federation"},  # what cooperatives share: texts one way, anonymised figures the other
	{"portal"},
	{"translations"},  # which strings readers see, coverage per language, volunteers' checks
	{"reports"},  # every module's report/ folder
	{"www", "demo"},
	{"install", "hooks", "patches"},
	{"uninstall"},
	{"tests"},  # test support (imported by benchmarks, which seed test sites)
	{"benchmarks"},
]


def app_path() -> Path:
	return Path(frappe.get_app_path("mitmenschen"))


def is_type_checking_block(node: ast.AST) -> bool:
	if not isinstance(node, ast.If):
		return False
	test = node.test
	return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
		isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
	)


def imported_names(tree: ast.AST) -> list[str]:
	names: list[str] = []

	def visit(node: ast.AST) -> None:
		for child in ast.iter_child_nodes(node):
			if is_type_checking_block(child):
				continue
			if isinstance(child, ast.Import):
				names.extend(alias.name for alias in child.names)
			elif isinstance(child, ast.ImportFrom) and child.module and not child.level:
				names.append(child.module)
				names.extend(f"{child.module}.{alias.name}" for alias in child.names)
			visit(child)

	visit(tree)
	return names


REPORTS = "reports"


def package_of(relative: Path) -> str:
	if len(relative.parts) > 2 and relative.parts[1] == "report":
		return REPORTS
	return relative.parts[0].removesuffix(".py")


def import_graph() -> dict[str, set[str]]:
	"""package -> the app's other top-level packages it imports (at run time)."""
	root = app_path()
	packages = {p.name for p in root.iterdir() if p.is_dir()} | {p.stem for p in root.glob("*.py")}
	packages.add(REPORTS)
	graph: dict[str, set[str]] = {}
	for path in root.rglob("*.py"):
		relative = path.relative_to(root)
		source = package_of(relative)
		if source == "tests" or path.name.startswith("test_"):
			continue
		for name in imported_names(ast.parse(path.read_text())):
			parts = name.split(".")
			if parts[0] != "mitmenschen" or len(parts) < 2 or parts[1] not in packages:
				continue
			target = REPORTS if len(parts) > 3 and parts[2] == "report" else parts[1]
			if target != source:
				graph.setdefault(source, set()).add(target)
	return graph


def module_of(root: Path, path: Path) -> str:
	relative = path.relative_to(root).with_suffix("")
	parts = relative.parts[:-1] if relative.name == "__init__" else relative.parts
	return ".".join(("mitmenschen", *parts))


def imported_module(root: Path, name: str) -> str | None:
	"""The app's module file that `name` (a module, or a name inside one) is read from."""
	parts = name.split(".")
	while len(parts) > 1:
		folder = root.joinpath(*parts[1:])
		if folder.with_suffix(".py").is_file() or (folder / "__init__.py").is_file():
			return ".".join(parts)
		parts.pop()
	return None


def module_graph(root: Path | None = None) -> dict[str, set[str]]:
	"""module -> the app's modules it imports, at module level or inside a function (tests aside)."""
	root = root or app_path()
	graph: dict[str, set[str]] = {}
	for path in root.rglob("*.py"):
		relative = path.relative_to(root)
		if relative.parts[0] == "tests" or path.name.startswith("test_"):
			continue
		source = module_of(root, path)
		for name in imported_names(ast.parse(path.read_text())):
			if not name.startswith("mitmenschen."):
				continue
			target = imported_module(root, name)
			if target and target != source:
				graph.setdefault(source, set()).add(target)
	return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
	visiting: list[str] = []
	done: set[str] = set()

	def visit(node: str) -> list[str] | None:
		if node in visiting:
			return [*visiting[visiting.index(node) :], node]
		if node in done:
			return None
		visiting.append(node)
		for target in sorted(graph.get(node, ())):
			if cycle := visit(target):
				return cycle
		visiting.pop()
		done.add(node)
		return None

	for node in sorted(graph):
		if cycle := visit(node):
			return cycle
	return None


def layer_of(package: str) -> int | None:
	return next((i for i, layer in enumerate(LAYERS) if package in layer), None)


class TestImportGraph(FrappeTestCase):
	def setUp(self) -> None:
		self.graph = import_graph()

	def test_graph_is_read(self) -> None:
		self.assertIn("escalation", self.graph["mediation"])
		self.assertIn("portal", self.graph["www"])

	def test_no_cycle(self) -> None:
		self.assertIsNone(find_cycle(self.graph))

	def test_no_cycle_between_modules(self) -> None:
		"""Inside a package and across packages: a circle between two files fails here, whether the
		imports sit at the top or inside functions."""
		self.assertIsNone(find_cycle(module_graph()))

	def test_a_circle_between_two_files_of_a_package_is_found(self) -> None:
		with tempfile.TemporaryDirectory() as folder:
			root = Path(folder)
			(root / "pkg").mkdir()
			(root / "pkg" / "__init__.py").write_text("")
			(root / "pkg" / "a.py").write_text("from mitmenschen.pkg.b import g\n")
			(root / "pkg" / "b.py").write_text("def g():\n\tfrom mitmenschen.pkg import a\n")
			graph = module_graph(root)
		self.assertEqual(graph["mitmenschen.pkg.b"], {"mitmenschen.pkg", "mitmenschen.pkg.a"})
		self.assertEqual(find_cycle(graph), ["mitmenschen.pkg.a", "mitmenschen.pkg.b", "mitmenschen.pkg.a"])

	def test_cycle_detection_works(self) -> None:
		self.assertEqual(find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}), ["a", "b", "c", "a"])

	def test_every_package_has_a_layer(self) -> None:
		packages = set(self.graph) | set().union(*self.graph.values())
		self.assertEqual(sorted(p for p in packages if layer_of(p) is None), [])

	def test_imports_point_down(self) -> None:
		upward = sorted(
			f"{source} -> {target}"
			for source, targets in self.graph.items()
			for target in targets
			if layer_of(target) is not None
			and layer_of(source) is not None
			and layer_of(target) >= layer_of(source)
		)
		self.assertEqual(upward, [])
