"""A household's rights under the DSGVO: access (Art. 15) and erasure (Art. 17).

Both are staff actions: the family asks the cooperative, a manager answers. The export is one ZIP
file (`data.json` plus every attached document) of everything the app holds about the household;
the erasure anonymises the household and everything tied to it the way the retention job does, so
statistics survive, and leaves an audit note that names only who, when and a reason from a fixed
list — free text could carry the very names being erased.
"""

import io
import zipfile

import frappe
from frappe import _
from frappe.core.doctype.access_log.access_log import make_access_log
from frappe.utils import now_datetime

from mitmenschen.privacy.case_followups import ACTION, linked_actions
from mitmenschen.privacy.channels import export_channels, parties_of_households
from mitmenschen.privacy.early_signals import SIGNAL, export_household_signals, household_signals
from mitmenschen.privacy.household_followups import (
	PLAN,
	REFERRAL,
	export_household_followups,
	household_plans,
	household_referrals,
)
from mitmenschen.privacy.retention import (
	CASE,
	HOUSEHOLD,
	RECORD_DOCTYPES,
	anonymise_cases,
	anonymise_households,
)
from mitmenschen.privacy.trail import purge_deleted_copies

STAFF_ROLES = ("Mit:Menschen Manager", "System Manager")
ERASURE_REASONS = (
	"Request of the data subject",
	"Consent withdrawn",
	"Data no longer needed",
	"Unlawful processing",
	"Legal obligation",
)


def ensure_staff() -> None:
	"""Only managers answer data-protection requests (`frappe.only_for` is a no-op in tests)."""
	if set(STAFF_ROLES).isdisjoint(frappe.get_roles()):
		raise frappe.PermissionError(_("Only a Mit:Menschen Manager can answer data protection requests."))


# ---- Art. 15: access ---------------------------------------------------------------------------


@frappe.whitelist()
def download_household_data(household: str) -> None:
	"""Send the household's data as one ZIP file."""
	ensure_staff()
	content = build_household_export(household)
	make_access_log(doctype=HOUSEHOLD, document=household, method="Art. 15 export", file_type="ZIP")
	frappe.response["filename"] = f"{household}-personal-data.zip"
	frappe.response["filecontent"] = content
	frappe.response["type"] = "download"


def build_household_export(household: str) -> bytes:
	data = collect_household_data(household)
	buffer = io.BytesIO()
	with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
		for file in data["files"]:
			try:
				content = frappe.get_doc("File", file["name"]).get_content()
			except Exception:
				# a missing file on disk must not hide everything else; the listing says so
				file["missing"] = 1
				continue
			archive.writestr(file["path_in_export"], content)
		archive.writestr("data.json", frappe.as_json(data, indent=1))
	return buffer.getvalue()


def collect_household_data(household: str) -> dict:
	"""Everything about the household: the record with members and consents, cases about it or
	reported by it, round-table actions from those cases, and the comments, emails, versions and files
	of all of them."""
	doc = frappe.get_doc(HOUSEHOLD, household)
	cases = household_cases(doc)
	actions = linked_actions(cases)
	records = [
		(HOUSEHOLD, [household]),
		(CASE, cases),
		(ACTION, actions),
		(PLAN, household_plans([household])),
		(REFERRAL, household_referrals([household])),
		(SIGNAL, household_signals([household])),
	]
	return {
		"exported_on": now_datetime(),
		"household": doc.as_dict(no_default_fields=False),
		"mediation_cases": [frappe.get_doc(CASE, name).as_dict() for name in cases],
		"round_table_actions": [frappe.get_doc(ACTION, name).as_dict() for name in actions],
		**export_household_followups(household),
		**export_household_signals(household),
		# numbers, dated consents per channel, notices sent
		**export_channels(parties_of_households([household]) + [(CASE, name) for name in cases]),
		"comments": trail_rows("Comment", "reference_doctype", "reference_name", records),
		"communications": trail_rows("Communication", "reference_doctype", "reference_name", records),
		"versions": trail_rows("Version", "ref_doctype", "docname", records),
		"files": file_listing(records, consent_documents=[row.attachment for row in doc.consents]),
	}


def household_cases(household) -> list[str]:
	"""Cases about the family (respondent) and cases the family reported as tenant."""
	cases = frappe.get_all(CASE, filters={"respondent_household": household.name}, pluck="name")
	if household.tenant:
		cases += frappe.get_all(
			CASE,
			filters={"reporter_tenant": household.tenant, "tenant_doctype": household.tenant_doctype},
			pluck="name",
		)
	return sorted(set(cases))


def trail_rows(doctype: str, doctype_field: str, name_field: str, records) -> list[dict]:
	rows = []
	for record_doctype, names in records:
		if names:
			rows += frappe.get_all(
				doctype,
				filters={doctype_field: record_doctype, name_field: ("in", names)},
				fields=["*"],
				order_by="creation",
			)
	return rows


def file_listing(records, consent_documents: list[str]) -> list[dict]:
	files = trail_rows("File", "attached_to_doctype", "attached_to_name", records)
	urls = [url for url in consent_documents if url]
	known = {file.file_url for file in files}
	if missing_urls := [url for url in urls if url not in known]:
		files += frappe.get_all("File", filters={"file_url": ("in", missing_urls)}, fields=["*"])
	listing = []
	for file in files:
		if file.is_folder:
			continue
		listing.append(
			{
				"name": file.name,
				"file_name": file.file_name,
				"file_url": file.file_url,
				"attached_to_doctype": file.attached_to_doctype,
				"attached_to_name": file.attached_to_name,
				"creation": file.creation,
				"path_in_export": f"files/{file.name}-{file.file_name}",
			}
		)
	return listing


# ---- Art. 17: erasure --------------------------------------------------------------------------


@frappe.whitelist(methods=["POST"])
def erase_household(household: str, reason: str) -> dict[str, int]:
	"""Anonymise the household, its cases and what came of them; leave a non-personal audit note."""
	ensure_staff()
	if reason not in ERASURE_REASONS:
		frappe.throw(_("Please choose a reason for the erasure."), title=_("Reason Required"))
	cases = household_cases(frappe.get_doc(HOUSEHOLD, household))
	actions = linked_actions(cases)

	anonymise_cases(cases, include_unindexed_logs=True)
	anonymise_households([household], include_unindexed_logs=True)
	purge_deleted_copies(RECORD_DOCTYPES, mentioning=[household, *cases, *actions])
	add_audit_note(household, reason, len(cases))
	return {"cases": len(cases), "actions": len(actions)}


def add_audit_note(household: str, reason: str, case_count: int) -> None:
	"""Who (the comment's author), when (its creation) and why — nothing about the family."""
	frappe.get_doc(
		{
			"doctype": "Comment",
			"comment_type": "Info",
			"reference_doctype": HOUSEHOLD,
			"reference_name": household,
			"content": _("Personal data erased (Art. 17 GDPR). Reason: {0}. Cases anonymised: {1}.").format(
				_(reason), case_count
			),
		}
	).insert(ignore_permissions=True)
