"""A partner or a tenant has no desk: the desk's writes that Frappe makes without asking for
permission are refused to them like any record that is not theirs. Found by the route audit: a
partner saved a Report Builder report named after its own case into the clerks' list of reports."""

import uuid

import pytest
from portal_world import api_session, build_world

REFUSED = "DoesNotExistError"


@pytest.fixture(scope="module")
def world() -> dict:
	return build_world()


@pytest.mark.parametrize("who", ["partner", "tenant"])
def test_a_portal_user_saves_no_desk_report(world, base_url, admin_session, who):
	user = world["A"]["user"] if who == "partner" else world["tenant"]["user"]
	session = api_session(base_url, user, world["password"])
	# a doctype the record guard does not protect, so only the rule for desk writes can refuse it
	name = f"Meine Liste {uuid.uuid4().hex[:8]}"
	answer = session.post(
		f"{base_url}/api/method/frappe.desk.reportview.save_report",
		data={"name": name, "doctype": "ToDo", "report_settings": "{}"},
	)
	assert answer.status_code == 404 and answer.json()["exc_type"] == REFUSED, answer.text[:300]
	assert admin_session.get(f"{base_url}/api/resource/Report/{name}").status_code == 404

	deleted = session.post(f"{base_url}/api/method/frappe.desk.reportview.delete_report", data={"name": name})
	assert deleted.status_code == 404 and deleted.json()["exc_type"] == REFUSED, deleted.text[:300]
