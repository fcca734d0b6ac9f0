"""Completes ERPNext's setup wizard without a browser, as a German housing cooperative."""

import frappe

DEFAULT_COMPANY = "Wohnungsgenossenschaft Mit:Menschen eG"


def complete_erpnext_setup(company_name: str = DEFAULT_COMPANY, language: str = "Deutsch") -> None:
	"""Run the setup wizard once; a second call on a set-up site does nothing."""
	if frappe.db.get_single_value("System Settings", "setup_complete"):
		return
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete
	from frappe.utils import getdate, now_datetime

	year = now_datetime().year
	abbr = "".join(word[0] for word in company_name.replace(":", " ").split() if word[0].isalpha())[
		:5
	].upper()
	frappe.local.lang = "de" if language == "Deutsch" else "en"
	setup_complete(
		{
			"language": language,
			"country": "Germany",
			"currency": "EUR",
			"timezone": "Europe/Berlin",
			"company_name": company_name,
			"company_abbr": abbr,
			"chart_of_accounts": "Standard",
			"fy_start_date": str(getdate(f"{year}-01-01")),
			"fy_end_date": str(getdate(f"{year}-12-31")),
			"full_name": "Administrator",
			"email": "admin@mitmenschen.example",
			"setup_demo": 0,
		}
	)
	frappe.db.commit()
