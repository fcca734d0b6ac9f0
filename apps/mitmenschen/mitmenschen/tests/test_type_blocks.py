from frappe.tests.utils import FrappeTestCase

from mitmenschen.tests.type_blocks import doctype_files, drifted


class TestTypeBlocks(FrappeTestCase):
	def test_every_controller_types_what_its_json_says(self) -> None:
		self.assertGreater(len(doctype_files()), 20)
		self.assertEqual(
			drifted(),
			[],
			"typed blocks drifted from the JSON; run "
			"`bench --site <test site> execute mitmenschen.tests.type_blocks.export`",
		)
