"""A manager answers a family's data-protection request in the desk: the export downloads one ZIP
with the family's data (Art. 15), the erasure asks for a reason and a confirmation and anonymises
the household (Art. 17)."""

import io
import json
import secrets
import zipfile

from conftest import desk_login
from test_case_approval import PASSWORD, api, make_manager  # noqa: F401 (api is a fixture)


def open_household(page, base_url: str, name: str) -> None:
	page.goto(f"{base_url}/app/refugee-household/{name}")
	page.wait_for_function("(name) => window.cur_frm && cur_frm.doc.name === name", arg=name)


def data_protection_menu(page, item: str):
	page.locator(".inner-group-button:visible button", has_text="Datenschutz").click()
	return page.locator(".dropdown-menu:visible .dropdown-item", has_text=item)


def test_manager_exports_and_erases_a_households_data(page, base_url, api):
	suffix = secrets.token_hex(3)
	manager = make_manager(api, suffix)
	family = f"Familie Datenschutz {suffix}"
	household = api.insert(
		"Refugee Household",
		family_name=family,
		confidential_notes="<p>Vertrauliche Vorgeschichte</p>",
		members=[{"member_name": f"Kind {suffix}", "relation": "Child", "birth_year": 2016}],
	)["name"]

	desk_login(page, base_url, manager, PASSWORD)
	open_household(page, base_url, household)
	with page.expect_download() as download_info:
		data_protection_menu(page, "Personenbezogene Daten exportieren").click()
	archive = zipfile.ZipFile(io.BytesIO(download_info.value.path().read_bytes()))
	exported = json.loads(archive.read("data.json"))
	assert family in json.dumps(exported, ensure_ascii=False)
	assert f"Kind {suffix}" in json.dumps(exported, ensure_ascii=False)

	data_protection_menu(page, "Personenbezogene Daten löschen").click()
	dialog = page.locator(".modal-dialog:visible")
	dialog.locator("select[data-fieldname='reason']").select_option("Request of the data subject")
	dialog.locator(".btn-primary").click()  # not confirmed yet: refused with a message
	message = page.locator(".modal:visible", has=page.locator(".msgprint", has_text="bestätigen"))
	message.locator(".btn-modal-close").click()
	message.wait_for(state="hidden")
	assert api.get("Refugee Household", household)["family_name"] == family

	dialog.locator("input[data-fieldname='confirmed']").check()
	dialog.locator(".btn-primary").click()
	page.wait_for_function("(family) => cur_frm.doc.family_name !== family", arg=family, timeout=15_000)

	erased = api.get("Refugee Household", household)
	assert erased["family_name"] != family
	assert "Vorgeschichte" not in json.dumps(erased, ensure_ascii=False)
	assert not erased["members"]
