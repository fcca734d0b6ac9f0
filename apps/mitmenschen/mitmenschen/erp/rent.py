"""Rent as ERPNext keeps it: an Item for the monthly rent and a submitted Sales Invoice per month.

The app itself never writes to the ledger; the demo and the tests use these helpers to put rent into
the ERP the way the cooperative's accountants do (the early signals only read it).
"""

from datetime import date

import frappe
from erpnext.accounts.doctype.payment_entry.payment_entry import get_payment_entry
from frappe.utils import getdate

RENT_ITEM = "Miete"


def default_company() -> str:
	return (
		frappe.defaults.get_global_default("company") or frappe.get_all("Company", pluck="name", limit=1)[0]
	)


def ensure_fiscal_year(day: date | str, company: str) -> None:
	"""ERPNext refuses postings outside a fiscal year; the setup wizard made only the current one."""
	year = getdate(day).year
	if frappe.db.exists("Fiscal Year", {"year_start_date": ("<=", day), "year_end_date": (">=", day)}):
		return
	frappe.get_doc(
		{
			"doctype": "Fiscal Year",
			"year": str(year),
			"year_start_date": f"{year}-01-01",
			"year_end_date": f"{year}-12-31",
			"companies": [{"company": company}],
		}
	).insert(ignore_permissions=True)


def ensure_rent_item() -> str:
	if not frappe.db.exists("Item", RENT_ITEM):
		group = frappe.db.get_value("Item Group", {"is_group": 0}, "name", order_by="lft asc")
		frappe.get_doc(
			{
				"doctype": "Item",
				"item_code": RENT_ITEM,
				"item_name": RENT_ITEM,
				"item_group": group,
				"is_stock_item": 0,
				"include_item_in_manufacturing": 0,
				"stock_uom": frappe.db.get_value("UOM", {"name": ("in", ("Nos", "Stk", "Einheit"))}) or "Nos",
			}
		).insert(ignore_permissions=True)
	return RENT_ITEM


def make_rent_invoice(
	customer: str, rent: float, posting_date: date | str, due_date: date | str, company: str | None = None
):
	"""A submitted Sales Invoice for one month's rent."""
	company = company or default_company()
	ensure_fiscal_year(posting_date, company)
	invoice = frappe.get_doc(
		{
			"doctype": "Sales Invoice",
			"company": company,
			"customer": customer,
			"set_posting_time": 1,
			"posting_date": posting_date,
			"due_date": due_date,
			"items": [{"item_code": ensure_rent_item(), "qty": 1, "rate": rent}],
		}
	)
	invoice.insert(ignore_permissions=True)
	invoice.submit()
	return invoice


def pay(invoice: str, amount: float | None = None, posting_date: date | str | None = None):
	"""A submitted Payment Entry for the invoice (all of what is open, or `amount`)."""
	entry = get_payment_entry("Sales Invoice", invoice, party_amount=amount)
	entry.reference_no = f"Miete {invoice}"
	entry.reference_date = posting_date or getdate()
	if posting_date:
		entry.posting_date = posting_date
	entry.insert(ignore_permissions=True)
	entry.submit()
	return entry
