"""The tenant report form's world: `bench --site <site> execute mitmenschen.tests.report_world.build` gives
every pictogram a category (the demo's names), and adds a clerk who plays the voice message on the case,
to the portal's world (tenants, partners) and the frame's settings."""

import frappe
from frappe.utils.password import update_password

from mitmenschen.tests import frame_world, portal_world
from mitmenschen.tests.factories import make_staff_user

# pictogram -> the category named as in the demo (translated in every portal language)
CATEGORIES = {
	"Noise": "Lärm",
	"Waste": "Müll",
	"Heating and Airing": "Heizen und Lüften",
	"Stairwell": "Treppenhausreinigung",
	"Laundry": "Waschküche",
	"Children": "Kinder und Jugend",
	"Damage": "Schäden und Reparaturen",
	"Neighbours": "Nachbarschaftsstreit",
	"Other": "Sonstiges",
}


def ensure_categories() -> dict[str, str]:
	for pictogram, name in CATEGORIES.items():
		if not frappe.db.exists("Case Category", name):
			frappe.get_doc({"doctype": "Case Category", "category_name": name}).insert(
				ignore_permissions=True
			)
		frappe.db.set_value("Case Category", name, "pictogram", pictogram)
	return CATEGORIES


def build() -> dict:
	world = portal_world.build()
	world["frame"] = frame_world.build()
	world["categories"] = ensure_categories()
	clerk = make_staff_user("Mit:Menschen Clerk")
	update_password(clerk, portal_world.PASSWORD)
	world["clerk"] = clerk
	frappe.db.commit()
	return world
