"""How partners answer: referrals per partner organisation, accepted or declined and how fast, done;
and their round-table actions, done and overdue.

A referral belongs to the period in which it was requested. *Accepted* includes referrals since
reported done; the acceptance rate is accepted of those answered, the done rate done of those accepted.
Answer times are the working hours from request to answer (stamped on the case, see
`mediation.sla.stamp_working_hours`). An action belongs to the period of its due date; it is overdue
when it is still open or in progress after that date.
"""

from dataclasses import dataclass, field

import frappe
from frappe.query_builder import Case as When
from frappe.query_builder.functions import Count, Sum
from frappe.utils import getdate, nowdate

from mitmenschen.evidence.period import Period, Scope
from mitmenschen.evidence.query import cases_in, grouped_percentiles, percent

ACCEPTED = ("Accepted", "Done")
OPEN_ACTION = ("Open", "In Progress")


@dataclass
class PartnerRow:
	partner: str
	referrals: int = 0
	accepted: int = 0
	declined: int = 0
	waiting: int = 0
	done: int = 0
	hours: dict = field(default_factory=dict)  # accept_median, decline_median
	actions_done: int = 0
	actions_overdue: int = 0
	actions_open: int = 0

	@property
	def acceptance_pct(self) -> float | None:
		return percent(self.accepted, self.accepted + self.declined)

	@property
	def done_pct(self) -> float | None:
		return percent(self.done, self.accepted)

	def as_dict(self) -> dict:
		return {
			**{k: v for k, v in self.__dict__.items() if k != "hours"},
			"acceptance_pct": self.acceptance_pct,
			"done_pct": self.done_pct,
			"accept_median": self.hours.get("accept_median"),
			"decline_median": self.hours.get("decline_median"),
		}


def _is(table, statuses):
	return When().when(table.referral_status.isin(list(statuses)), 1).else_(0)


def partner_referrals(period: Period, scope: Scope) -> list[PartnerRow]:
	"""Referrals requested in the period per partner, with each partner's actions due in it."""
	table, query = cases_in(period, scope, "referral_requested_on")
	query = (
		query.select(
			table.referred_to.as_("partner"),
			Count("*").as_("referrals"),
			Sum(_is(table, ACCEPTED)).as_("accepted"),
			Sum(_is(table, ["Declined"])).as_("declined"),
			Sum(_is(table, ["Requested"])).as_("waiting"),
			Sum(_is(table, ["Done"])).as_("done"),
		)
		.where(table.referred_to.isnotnull())
		.groupby(table.referred_to)
	)
	rows = {
		row.partner: PartnerRow(
			row.partner,
			row.referrals,
			int(row.accepted or 0),
			int(row.declined or 0),
			int(row.waiting or 0),
			int(row.done or 0),
		)
		for row in query.run(as_dict=True)
	}
	for kind, statuses in (("accept", ACCEPTED), ("decline", ["Declined"])):
		table, query = cases_in(period, scope, "referral_requested_on")
		answered = table.referral_status.isin(list(statuses)) & table.referral_responded_on.isnotnull()
		value = When().when(answered, table.referral_answer_working_hours)
		for (partner,), (median,) in grouped_percentiles(query, value, [table.referred_to], (0.5,)).items():
			if partner in rows and median is not None:
				rows[partner].hours[f"{kind}_median"] = median
	for name, figures in partner_actions(period, scope.partner).items():
		entry = rows.setdefault(name, PartnerRow(name))
		entry.actions_done, entry.actions_overdue, entry.actions_open = (
			figures["done"],
			figures["overdue"],
			figures["open"],
		)
	return sorted(rows.values(), key=lambda row: (-row.referrals, row.partner))


def partner_actions(period: Period, partner: str | None = None) -> dict[str, dict[str, int]]:
	"""{partner organisation: {done, overdue, open}} of the round-table actions due in the period."""
	table = frappe.qb.DocType("Round Table Action")
	today = getdate(nowdate())
	open_ = table.status.isin(list(OPEN_ACTION))
	query = (
		frappe.qb.from_(table)
		.select(
			table.partner_organisation.as_("partner"),
			Sum(When().when(table.status == "Done", 1).else_(0)).as_("done"),
			Sum(When().when(open_ & (table.due_date < today), 1).else_(0)).as_("overdue"),
			Sum(When().when(open_, 1).else_(0)).as_("open"),
		)
		.where(table.due_date >= period.start)
		.where(table.due_date <= period.end)
		.where(table.partner_organisation.isnotnull())
		.groupby(table.partner_organisation)
	)
	if partner:
		query = query.where(table.partner_organisation == partner)
	return {
		row.partner: {key: int(row[key] or 0) for key in ("done", "overdue", "open")}
		for row in query.run(as_dict=True)
	}


def action_totals(period: Period) -> dict[str, int]:
	"""Done and overdue round-table actions due in the period, whoever owns them."""
	table = frappe.qb.DocType("Round Table Action")
	today = getdate(nowdate())
	open_ = table.status.isin(list(OPEN_ACTION))
	row = (
		frappe.qb.from_(table)
		.select(
			Count("*").as_("due"),
			Sum(When().when(table.status == "Done", 1).else_(0)).as_("done"),
			Sum(When().when(open_ & (table.due_date < today), 1).else_(0)).as_("overdue"),
		)
		.where(table.due_date >= period.start)
		.where(table.due_date <= period.end)
		.where(table.status != "Cancelled")
		.run(as_dict=True)[0]
	)
	return {key: int(row[key] or 0) for key in ("due", "done", "overdue")}


def overdue_actions(limit: int = 50) -> list[dict]:
	"""Open actions past their due date, now, with their owners: the longest overdue first."""
	return frappe.get_all(
		"Round Table Action",
		filters={"status": ["in", list(OPEN_ACTION)], "due_date": ["<", nowdate()]},
		fields=[
			"name",
			"title",
			"due_date",
			"partner_organisation",
			"owner_contact",
			"owner_user",
			"meeting",
		],
		order_by="due_date asc",
		limit=limit,
	)


def referral_totals(period: Period, scope: Scope) -> dict[str, int | float | None]:
	"""Referrals of the period and their answers, over all partners."""
	rows = partner_referrals(period, scope)
	total = {
		key: sum(getattr(row, key) for row in rows)
		for key in ("referrals", "accepted", "declined", "waiting", "done")
	}
	total["acceptance_pct"] = percent(total["accepted"], total["accepted"] + total["declined"])
	return total
