"""The minutes of a round table as a document: what the print format "Round Table Minutes" shows,
scoped to who reads it.

Staff read the full minutes. An organisation's copy — the PDF mailed to its contacts, the portal
download, and any print a Partner User opens (whatever the print format, see `scope_for_print`) —
lists only the agenda cases referred to that organisation: an agenda item or action about another
organisation's case is left out entirely, because its topic is usually the case's subject. A reader
who is neither staff nor an active partner gets no case at all. The reporter of a case is never
part of the minutes: only the case's name and subject are read.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import frappe
from frappe.utils import escape_html, format_datetime, formatdate, get_fullname
from frappe.utils.pdf import get_pdf
from frappe.www.printview import get_rendered_template

from mitmenschen.access.identity import get_partner_organisation, is_staff
from mitmenschen.rich_text import inert_html

MEETING = "Round Table Meeting"
PRINT_FORMAT = "Round Table Minutes"
APPROVED = "Minutes Approved"
DATE = "dd.MM.yyyy"
FULL = None  # the scope of staff: every case
NO_CASES = ""  # the scope of a reader who belongs to no organisation: no case at all


@contextmanager
def scoped_to(organisation: str | None) -> Iterator[None]:
	"""Render the minutes for this organisation's readers (FULL: for staff), whoever is logged in —
	the approval mail is sent by a manager, but each partner's copy must be the partner's."""
	previous = frappe.flags.get("minutes_scope")
	frappe.flags.minutes_scope = (organisation,)
	try:
		yield
	finally:
		frappe.flags.minutes_scope = previous


def reader_scope(user: str | None = None) -> str | None:
	"""FULL for staff, the organisation of a Partner User, NO_CASES for anybody else."""
	if forced := frappe.flags.get("minutes_scope"):
		return forced[0]
	user = user or frappe.session.user
	if is_staff(user):
		return FULL
	return get_partner_organisation(user) or NO_CASES


def case_visible(case: dict | None, scope: str | None) -> bool:
	return scope is FULL or bool(case and scope and case.referred_to == scope)


def minutes_view(meeting, scope: str | None) -> dict:
	"""Attendees, agenda, actions of a meeting as the print format shows them, for one scope."""
	actions = meeting_actions(meeting.name)
	case_names = {row.mediation_case for row in meeting.agenda if row.mediation_case}
	case_names |= {a.mediation_case for a in actions if a.mediation_case}
	action_cases = dict(
		frappe.get_all(
			"Round Table Action",
			filters={"name": ["in", [r.round_table_action for r in meeting.agenda if r.round_table_action]]},
			fields=["name", "mediation_case"],
			as_list=True,
		)
	)
	case_names |= {c for c in action_cases.values() if c}
	cases = {
		case.name: case
		for case in frappe.get_all(
			"Mediation Case",
			filters={"name": ["in", list(case_names)]},
			fields=["name", "subject", "referred_to"],  # never the reporter
		)
	}

	def allowed(case_name: str | None) -> bool:
		return not case_name or case_visible(cases.get(case_name), scope)

	agenda, hidden_rows = [], []
	for row in meeting.agenda:
		if not (allowed(row.mediation_case) and allowed(action_cases.get(row.round_table_action))):
			hidden_rows.append(row.name)
			continue
		case = cases.get(row.mediation_case)
		agenda.append(
			frappe._dict(
				idx=len(agenda) + 1,
				topic=row.topic,
				source=row.source,
				notes=row.notes,
				case=case.name if case else None,
				case_subject=case.subject if case else None,
			)
		)
	return {
		"scope": scope,
		"scope_name": frappe.db.get_value("Partner Organisation", scope, "organisation_name")
		if scope
		else "",
		"when": when(meeting),
		"chair": get_fullname(meeting.chair) if meeting.chair else "",
		"minutes_html": inert_html(meeting.minutes),
		"decisions_html": inert_html(meeting.decisions),
		"next_meeting_on": formatdate(meeting.next_meeting_on, DATE) if meeting.next_meeting_on else "",
		"attendees": attendee_rows(meeting),
		"agenda": agenda,
		"actions": [a for a in actions if allowed(a.mediation_case)],
		"hidden_rows": hidden_rows,
	}


def when(meeting) -> str:
	starts = format_datetime(meeting.starts_on, f"{DATE} HH:mm")
	return f"{starts}–{format_datetime(meeting.ends_on, 'HH:mm')}" if meeting.ends_on else starts


def attendee_rows(meeting) -> list[dict]:
	organisations = _titles(
		"Partner Organisation", "organisation_name", [r.partner_organisation for r in meeting.attendees]
	)
	contacts = _titles("Partner Contact", "full_name", [r.contact for r in meeting.attendees])
	return [
		frappe._dict(
			organisation=organisations.get(row.partner_organisation, row.partner_organisation or ""),
			person=contacts.get(row.contact) or (get_fullname(row.user) if row.user else ""),
			rsvp=row.rsvp or "",
			attended=bool(row.attended),
		)
		for row in meeting.attendees
	]


def meeting_actions(meeting: str) -> list[dict]:
	actions = frappe.get_all(
		"Round Table Action",
		filters={"meeting": meeting, "status": ["!=", "Cancelled"]},
		fields=[
			"name",
			"title",
			"status",
			"due_date",
			"owner_contact",
			"owner_user",
			"partner_organisation",
			"mediation_case",
		],
		order_by="due_date asc, name asc",
	)
	contacts = _titles("Partner Contact", "full_name", [a.owner_contact for a in actions])
	organisations = _titles(
		"Partner Organisation", "organisation_name", [a.partner_organisation for a in actions]
	)
	for action in actions:
		person = contacts.get(action.owner_contact) or (
			get_fullname(action.owner_user) if action.owner_user else ""
		)
		organisation = organisations.get(action.partner_organisation, "")
		action.owner = f"{person} ({organisation})" if person and organisation else person or organisation
		action.due = formatdate(action.due_date, DATE) if action.due_date else ""
	return actions


def _titles(doctype: str, field: str, names: list[str | None]) -> dict[str, str]:
	names = list({n for n in names if n})
	if not names:
		return {}
	return dict(
		frappe.get_all(doctype, filters={"name": ["in", names]}, fields=["name", field], as_list=True)
	)


def scope_for_print(meeting) -> None:
	"""before_print of the meeting: the view for the print format, and — for every print format,
	Frappe's Standard one included — the agenda rows the reader may not see removed from the
	document in memory (it is never saved)."""
	view = minutes_view(meeting, reader_scope())
	meeting.minutes_view = view
	if view["scope"] is not FULL:
		hidden = set(view["hidden_rows"])
		meeting.agenda = [row for row in meeting.agenda if row.name not in hidden]


def minutes_html(meeting: str) -> str:
	"""The print format as a self-contained page: no stylesheet fetched from the site's own host name,
	so the PDF renders in a background job and on a machine that cannot reach its public address."""
	doc = frappe.get_doc(MEETING, meeting)
	body = get_rendered_template(
		doc, print_format=frappe.get_doc("Print Format", PRINT_FORMAT), no_letterhead=1
	)
	lang = frappe.local.lang or "de"
	return (
		f'<!DOCTYPE html><html lang="{escape_html(lang)}"><head><meta charset="utf-8">'
		f"<title>{escape_html(doc.title)}</title></head><body>{body}</body></html>"
	)


def minutes_pdf(meeting: str, organisation: str | None) -> bytes:
	"""The minutes as PDF for one scope (FULL for staff), in the current language. The print
	permission is checked for the session user, as in Frappe's print view."""
	with scoped_to(organisation):
		html = minutes_html(meeting)
	return get_pdf(
		html, {"page-size": "A4", "margin-top": "15mm", "margin-bottom": "15mm", "encoding": "UTF-8"}
	)
