"""A clerk's desk (issue #23): the app's workspace first, the workspaces of ERPNext and Frappe that clerks
and managers never use out of their sidebar — for these roles only, and nothing deleted.

Frappe leaves a workspace out of a user's sidebar when its module is blocked for the user; blocked
modules shape the desk only, they neither grant nor take a permission (a clerk still opens a tenant's
Customer record from a case). So a Module Profile "Mit:Menschen Staff" blocks every module of the other
apps, and a user whose desk roles are only ours gets it, with our workspace as the default one. A user
who also holds another desk role (System Manager, an ERPNext role) keeps the full desk: the profile is
taken away again when such a role is added.
"""

import frappe
from frappe.custom.doctype.property_setter.property_setter import make_property_setter

PROFILE = "Mit:Menschen Staff"
APP = "mitmenschen"
WORKSPACE = "Mit Menschen"
STAFF_ROLES = frozenset({"Mit:Menschen Clerk", "Mit:Menschen Manager"})
AUTOMATIC_ROLES = frozenset({"All", "Guest", "Desk User"})  # Frappe gives these to everyone
KEPT_MODULES = frozenset({"Desk", "Contacts"})  # dashboards, ToDo and contacts stay on the desk


def after_migrate() -> None:
	ensure_profile()
	show_people_by_name()
	show_languages_in_the_readers_language()
	for user in staff_users():
		doc = frappe.get_doc("User", user)
		if wanted_profile(doc) != doc.module_profile:
			doc.flags.ignore_permissions = True
			doc.save()


def show_people_by_name() -> None:
	"""Links to a user (assignee, chair, who explained the house rules) show the person's full name,
	not the email address (User's title field, shown in links by a property setter)."""
	if not frappe.get_meta("User").show_title_field_in_link:
		make_property_setter("User", None, "show_title_field_in_link", 1, "Check", for_doctype=True)


def show_languages_in_the_readers_language() -> None:
	"""A language link's field shows the language's German name beside its own ("Arabisch (العربية)",
	from de.po), not only "العربية", and a clerk finds it by typing "Arab": Language is one of Frappe's
	translated doctypes (its link titles go through the catalogue, in the field and in its search)."""
	if not frappe.get_meta("Language").translated_doctype:
		make_property_setter("Language", None, "translated_doctype", 1, "Check", for_doctype=True)


def blocked_modules() -> list[str]:
	return sorted(
		set(frappe.get_all("Module Def", filters={"app_name": ["!=", APP]}, pluck="name")) - KEPT_MODULES
	)


def ensure_profile() -> None:
	"""The profile blocks every other app's module (a newly installed app's modules too, next migrate)."""
	wanted = blocked_modules()
	if frappe.db.exists("Module Profile", PROFILE):
		profile = frappe.get_doc("Module Profile", PROFILE)
		if sorted(row.module for row in profile.block_modules) == wanted:
			return
	else:
		profile = frappe.new_doc("Module Profile")
		profile.module_profile_name = PROFILE
	profile.set("block_modules", [{"module": module} for module in wanted])
	profile.flags.ignore_permissions = True
	profile.save()  # Frappe passes the blocked modules on to the profile's users


def staff_users() -> list[str]:
	return frappe.get_all(
		"Has Role",
		filters={"role": ["in", list(STAFF_ROLES)], "parenttype": "User"},
		pluck="parent",
		distinct=True,
	)


def is_staff_only(user) -> bool:
	roles = {row.role for row in user.get("roles") or []}
	return bool(roles & STAFF_ROLES) and roles <= STAFF_ROLES | AUTOMATIC_ROLES


def wanted_profile(user) -> str | None:
	if is_staff_only(user):
		return PROFILE
	if user.module_profile == PROFILE:
		return None  # another desk role came: the full desk again
	return user.module_profile  # a profile somebody chose stays


def apply(user, method: str | None = None) -> None:
	"""User before_validate: Frappe's own validate then copies the profile's modules onto the user.
	The roles decide, not `user_type`: Frappe sets that in validate, after this hook, so a user made
	first and given the clerk's role after (the demo's staff) is still a "Website User" here. A portal
	user's roles are not ours and its profile stays as it is."""
	if not frappe.db.exists("Module Profile", PROFILE):
		return
	profile = wanted_profile(user)
	if profile != user.module_profile:
		user.module_profile = profile
		if not profile:
			user.set("block_modules", [])
			if user.default_workspace == WORKSPACE:
				user.default_workspace = None
	if profile == PROFILE and not user.default_workspace and frappe.db.exists("Workspace", WORKSPACE):
		user.default_workspace = WORKSPACE
