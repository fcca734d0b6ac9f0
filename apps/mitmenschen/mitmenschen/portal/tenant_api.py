"""Whitelisted endpoint of the tenant's "report a problem" form."""

import frappe

from mitmenschen.portal import tenant, uploads


@frappe.whitelist(methods=["POST"])
def submit_report(
	category: str | None = None,
	description: str | None = None,
	language: str | None = None,
	location_text: str | None = None,
) -> dict:
	tenant_name = tenant.require_tenant()
	# every photo is checked before the case exists: a bad photo leaves no half report behind
	photos = uploads.read_and_validate(uploads.request_files("photos"), tenant.PHOTO_TYPES)
	voice = uploads.read_voice_message(uploads.request_files("voice"))
	name = tenant.create_report(tenant_name, category, description, language, location_text, photos, voice)
	return {"name": name}
