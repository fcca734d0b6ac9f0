"""The half-year report (Halbjahresbericht) for the round table, as HTML and PDF.

Generated on demand for any period (a button on the meeting, `download` / `attach`) and every day for
the meetings of the next days that have none yet (`attach_before_meetings`, scheduled in hooks.py): the
PDF is attached to the meeting as a private file and linked from an agenda line. The meeting's
controller knows nothing of this; the report reaches the meeting only as data (a File, an agenda row).

Every figure comes from this package's functions; charts are inline SVG (`svg.py`) because
wkhtmltopdf runs little JavaScript. The report names cases, partners and action owners, never a
reporter: no reporter field is read.
"""

from dataclasses import dataclass

import frappe
from frappe import _
from frappe.utils import add_days, add_months, format_date, get_first_day, getdate, now_datetime
from frappe.utils.pdf import get_pdf

from mitmenschen.evidence import cases, recurrence, referrals, satisfaction, sla, svg
from mitmenschen.evidence.access import require_staff
from mitmenschen.evidence.key_figures import key_figures
from mitmenschen.evidence.period import DEFAULT_MONTHS, Period, Scope, month_label

TEMPLATE = "templates/evidence/half_year_report.html"
MEETING = "Round Table Meeting"
LANGUAGES = ("de", "en")
DAYS_AHEAD = 14  # meetings this close get their report attached
UPCOMING = ("Planned", "Invited")
TOP = 10


@dataclass(frozen=True)
class Report:
	period: Period
	lang: str

	@property
	def file_name(self) -> str:
		return f"{_('Half-Year Report', lang=self.lang)} {self.period_tag}.pdf"

	@property
	def period_tag(self) -> str:
		return f"{self.period.start}_{self.period.end}"


def context(period: Period, scope: Scope | None = None) -> dict:
	"""Everything the template shows, in the current language."""
	scope = scope or Scope()
	months = period.months()
	by_month = cases.monthly_cases(period, scope)
	by_category = _top(cases.monthly_cases(period, scope, "category"))
	by_district = _top(cases.monthly_cases(period, scope, "district"))
	sla_month = {row.group: row for row in sla.sla_compliance(period, scope, "month")}
	sla_category = {row.group: row for row in sla.sla_compliance(period, scope, "category")}
	for row in by_category:
		row["resolution_pct"] = (
			sla_category[row["group"]].resolution_pct if row["group"] in sla_category else None
		)
	totals = {row.month: row for row in by_month}
	labels = [month_label(month) for month in months]
	return {
		"period": period,
		"previous": period.previous(),
		"period_label": _period_label(period),
		"previous_label": _period_label(period.previous()),
		"generated_on": format_date(now_datetime().date()),
		"figures": key_figures(period, scope),
		"cases_chart": svg.chart(
			labels,
			[
				svg.Series(_("New"), [totals[m].new if m in totals else 0 for m in months]),
				svg.Series(_("Closed"), [totals[m].closed if m in totals else 0 for m in months]),
				svg.Series(
					_("Open"), [totals[m].open_at_end if m in totals else None for m in months], "line"
				),
			],
		),
		"sla_chart": svg.chart(
			labels,
			[
				svg.Series(
					_("First response within target (%)"), [_pct(sla_month, m, "response") for m in months]
				),
				svg.Series(
					_("Resolution within target (%)"), [_pct(sla_month, m, "resolution") for m in months]
				),
			],
		),
		"by_category": by_category,
		"by_district": by_district,
		"hotspots": recurrence.hotspots(period, scope, "building")[:TOP],
		"partners": [row.as_dict() for row in referrals.partner_referrals(period, scope)],
		"satisfaction": [row.as_dict() for row in satisfaction.satisfaction_by_category(period, scope)],
		"escalations": sla.open_escalations(scope),
		"overdue_actions": _with_owner_names(referrals.overdue_actions()),
	}


def render_html(period: Period, lang: str = "de", scope: Scope | None = None) -> str:
	with _language(lang):
		return frappe.render_template(
			TEMPLATE, {**context(period, scope), "lang": lang, "number": _number(lang)}
		)


def render_pdf(period: Period, lang: str = "de", scope: Scope | None = None) -> bytes:
	html = render_html(period, lang, scope)
	return get_pdf(
		html, {"page-size": "A4", "margin-top": "12mm", "margin-bottom": "12mm", "encoding": "UTF-8"}
	)


def attach(meeting: str, period: Period, lang: str = "de") -> "frappe.model.document.Document":
	"""Attach the period's report to the meeting (private) and link it from an agenda line."""
	report = Report(period, lang)
	pdf = render_pdf(period, lang)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": f"{meeting} {report.file_name}",
			"attached_to_doctype": MEETING,
			"attached_to_name": meeting,
			"is_private": 1,
			"content": pdf,
		}
	).insert(ignore_permissions=True)
	doc = frappe.get_doc(MEETING, meeting)
	topic = _("Half-year report {0}", lang=lang).format(_period_label(period))
	if not any(row.topic == topic for row in doc.agenda):
		doc.append("agenda", {"topic": topic, "source": "Manual", "notes": file.file_url})
	else:
		for row in doc.agenda:
			if row.topic == topic:
				row.notes = file.file_url
	doc.flags.ignore_permissions = True
	doc.save()
	return file


def period_before(meeting_starts_on) -> Period:
	"""The six whole months before the month of the meeting."""
	first = get_first_day(getdate(meeting_starts_on))
	return Period(getdate(add_months(first, -DEFAULT_MONTHS)), getdate(add_days(first, -1)))


def attach_before_meetings(days: int = DAYS_AHEAD) -> list[str]:
	"""Daily: every upcoming meeting of the next `days` days without a half-year report gets one."""
	now = now_datetime()
	meetings = frappe.get_all(
		MEETING,
		filters={
			"starts_on": ["between", [now, frappe.utils.add_to_date(now, days=days)]],
			"status": ["in", UPCOMING],
		},
		fields=["name", "starts_on"],
	)
	lang = frappe.db.get_default("lang") or "de"
	done = []
	for meeting in meetings:
		period = period_before(meeting.starts_on)
		if frappe.db.exists(
			"File",
			{
				"attached_to_doctype": MEETING,
				"attached_to_name": meeting.name,
				"file_name": ["like", f"%{Report(period, lang).period_tag}%"],
			},
		):
			continue
		attach(meeting.name, period, lang)  # the scheduler commits after the job
		done.append(meeting.name)
	return done


# ---- whitelisted: the meeting form's button -----------------------------------------------------


@frappe.whitelist()
@frappe.read_only()
def download(from_date: str | None = None, to_date: str | None = None, lang: str = "de") -> None:
	"""The report of any period as a PDF download (staff only: it spans every organisation)."""
	require_staff()
	period = Period.of(from_date, to_date)
	lang = lang if lang in LANGUAGES else "de"
	frappe.local.response.filename = Report(period, lang).file_name
	frappe.local.response.filecontent = render_pdf(period, lang)
	frappe.local.response.type = "pdf"


@frappe.whitelist(methods=["POST"])
def attach_to_meeting(
	meeting: str, from_date: str | None = None, to_date: str | None = None, lang: str = "de"
) -> dict:
	require_staff()
	frappe.has_permission(MEETING, "write", meeting, throw=True)
	starts_on = frappe.db.get_value(MEETING, meeting, "starts_on")
	period = Period.of(from_date, to_date) if from_date or to_date else period_before(starts_on)
	file = attach(meeting, period, lang if lang in LANGUAGES else "de")
	return {"file_url": file.file_url, "file_name": file.file_name}


@frappe.whitelist()
def default_period(meeting: str) -> dict:
	frappe.has_permission(MEETING, "read", meeting, throw=True)
	period = period_before(frappe.db.get_value(MEETING, meeting, "starts_on"))
	return {"from_date": str(period.start), "to_date": str(period.end)}


# ---- helpers ------------------------------------------------------------------------------------


def _top(rows: list[cases.MonthRow]) -> list[dict]:
	"""Groups (categories or districts) by cases opened in the period, the most first."""
	summary: dict = {}
	for row in rows:
		entry = summary.setdefault(row.group, {"group": row.group, "new": 0, "closed": 0, "open_at_end": 0})
		entry["new"] += row.new
		entry["closed"] += row.closed
	last = {row.group: row.open_at_end for row in rows}  # rows are sorted by month: the last one wins
	for group, entry in summary.items():
		entry["open_at_end"] = last.get(group, 0)
	return sorted(summary.values(), key=lambda e: (-e["new"], e["group"] or ""))[:TOP]


def _pct(rows: dict, month: str, clock: str) -> float | None:
	row = rows.get(month)
	return getattr(row, f"{clock}_pct") if row else None


def _with_owner_names(actions: list[dict]) -> list[dict]:
	contacts = {a.owner_contact for a in actions if a.owner_contact}
	names = (
		dict(
			frappe.get_all(
				"Partner Contact",
				filters={"name": ["in", list(contacts)]},
				fields=["name", "full_name"],
				as_list=True,
			)
		)
		if contacts
		else {}
	)
	for action in actions:
		action.owner_name = names.get(action.owner_contact) or (
			frappe.utils.get_fullname(action.owner_user) if action.owner_user else None
		)
	return actions


def _number(lang: str):
	"""One decimal, with the reader's decimal separator (75,0 in German, 75.0 in English)."""

	def number(value) -> str:
		text = f"{value:.1f}"
		return text.replace(".", ",") if lang == "de" else text

	return number


def _period_label(period: Period) -> str:
	return f"{format_date(period.start)} – {format_date(period.end)}"


class _language:
	"""Render in a given language, then restore the request's."""

	def __init__(self, lang: str) -> None:
		self.lang = lang

	def __enter__(self):
		self.previous = frappe.local.lang
		frappe.local.lang = self.lang

	def __exit__(self, *exc) -> None:
		frappe.local.lang = self.previous
