"""The records tests/test_gallery.py prints its print formats with (bench execute; committed): a closed
case whose follow-up letter can be printed and approved round-table minutes. Built by the gallery itself,
so that its pictures do not depend on which modules of the suite ran before it."""

import frappe

from mitmenschen.tests import minutes_world
from mitmenschen.tests.loop_world import closed_case_with_follow_up


def build() -> dict:
	case = closed_case_with_follow_up(None)
	minutes = minutes_world.build()
	frappe.db.commit()
	return {"case": case.name, "meeting": minutes["meeting"]}
