"""Formatted text (a case's description, an action's details, minutes) as partners may see it, in the
portal and in the minutes' print.

Frappe's `sanitize_html` removes scripts and event handlers but keeps forms, inputs, buttons, styles,
stylesheet links and meta tags: a mail to the case inbox with `<form action="https://elsewhere">` would
show partners a live form inside our portal, asking for their password. Portal pages keep only what
formatted text needs: paragraphs, emphasis, lists, tables, headings, links and pictures over the web.
"""

import bleach
from bleach.css_sanitizer import CSSSanitizer

TAGS = frozenset(
	{
		"a",
		"b",
		"blockquote",
		"br",
		"code",
		"div",
		"em",
		"h1",
		"h2",
		"h3",
		"h4",
		"h5",
		"h6",
		"hr",
		"i",
		"img",
		"li",
		"ol",
		"p",
		"pre",
		"s",
		"span",
		"strong",
		"sub",
		"sup",
		"table",
		"tbody",
		"td",
		"th",
		"thead",
		"tr",
		"u",
		"ul",
	}
)
ATTRIBUTES = {
	"a": ["href", "title"],
	"img": ["src", "alt", "width", "height"],
	"td": ["colspan", "rowspan"],
	"th": ["colspan", "rowspan"],
	"*": ["style"],
}
STYLES = CSSSanitizer(allowed_css_properties=["text-align", "font-weight", "font-style", "text-decoration"])


def inert_html(html: str | None) -> str:
	"""The text's formatting without anything that acts: what is not allowed is removed, its text kept."""
	return bleach.clean(
		html or "",
		tags=TAGS,
		attributes=ATTRIBUTES,
		protocols={"http", "https", "mailto"},
		css_sanitizer=STYLES,
		strip=True,
		strip_comments=True,
	)
