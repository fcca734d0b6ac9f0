"""Test-site preparation (the `before_tests` hook) and small shared factories."""

import frappe

from mitmenschen.erp.erpnext_setup import complete_erpnext_setup

TEST_COMPANY = "Test Wohnungsgenossenschaft eG"


def before_tests() -> None:
	frappe.clear_cache()
	complete_erpnext_setup(company_name=TEST_COMPANY)
	frappe.db.commit()
