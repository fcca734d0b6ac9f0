"""What every portal page puts into its context: our base template, language and direction.

Portal pages render through our own base template, which takes `lang`, `dir` and the matching (RTL
or LTR) stylesheet from the context built here; the languages themselves live in `mitmenschen.language`.
"""

import frappe

from mitmenschen.language import current_language, is_rtl, text_direction
from mitmenschen.portal.frame import frame_context

PORTAL_BASE_TEMPLATE = "mitmenschen/templates/portal/base.html"


def set_portal_context(context, title: str) -> None:
	"""Our base template, language and direction, and no page cache (pages are per user and must
	never be served to someone else)."""
	lang = current_language()
	context.no_cache = 1
	context.base_template_path = PORTAL_BASE_TEMPLATE
	context.portal_lang = lang
	context.portal_dir = text_direction(lang)
	context.portal_rtl = is_rtl(lang)
	context.title = title
	context.show_sidebar = False
	context.lang_query = f"_lang={lang}" if frappe.form_dict.get("_lang") else ""
	context.frame = frame_context()
