"""The portal frame's settings for browser tests: `bench --site <site> execute
mitmenschen.tests.frame_world.build` gives the cooperative a name, a help line and opening hours."""

import frappe

FRAME = {
	"cooperative_name": "Wohnungsgenossenschaft Lehe eG",
	"help_phone": "0471 123 456",
	"help_days": "Monday to Friday",
	"help_from": "09:00",
	"help_until": "16:00",
}


def build() -> dict:
	# values only: the settings' own validation concerns other sections
	frappe.db.set_single_value("Mitmenschen Settings", FRAME)
	frappe.clear_document_cache("Mitmenschen Settings", "Mitmenschen Settings")
	frappe.db.commit()
	return dict(FRAME)
