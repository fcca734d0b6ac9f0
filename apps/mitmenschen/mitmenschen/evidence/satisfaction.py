"""How satisfied reporters were, per category, where they said so.

Frappe 15 keeps a Rating as a fraction of the full scale (0.8 = four of five stars); 0 means not rated.
A case belongs to the period in which it was resolved (reporters are asked after the case is closed).
*Satisfied* means four stars or more.
"""

from dataclasses import dataclass

from frappe.query_builder import Case as When
from frappe.query_builder.functions import Avg, Count, Sum

from mitmenschen.evidence.period import Period, Scope
from mitmenschen.evidence.query import cases_in, percent

STARS = 5
SATISFIED = 0.8  # four of five stars


@dataclass
class SatisfactionRow:
	category: str | None
	resolved: int
	rated: int
	average_stars: float | None
	satisfied: int

	@property
	def rated_pct(self) -> float | None:
		return percent(self.rated, self.resolved)

	@property
	def satisfied_pct(self) -> float | None:
		return percent(self.satisfied, self.rated)

	def as_dict(self) -> dict:
		return {**self.__dict__, "rated_pct": self.rated_pct, "satisfied_pct": self.satisfied_pct}


def satisfaction_by_category(period: Period, scope: Scope, by: str = "category") -> list[SatisfactionRow]:
	table, query = cases_in(period, scope, "resolved_on")
	rated = table.reporter_satisfaction > 0
	group = table[by] if by else None
	query = query.select(
		Count("*").as_("resolved"),
		Sum(When().when(rated, 1).else_(0)).as_("rated"),
		Avg(When().when(rated, table.reporter_satisfaction)).as_("average"),
		Sum(When().when(table.reporter_satisfaction >= SATISFIED, 1).else_(0)).as_("satisfied"),
	)
	if group is not None:
		query = query.select(group.as_("grp")).groupby(group)
	rows = [
		SatisfactionRow(
			row.get("grp"),
			row.resolved,
			int(row.rated or 0),
			round(float(row.average) * STARS, 2) if row.average is not None else None,
			int(row.satisfied or 0),
		)
		for row in query.run(as_dict=True)
		if row.resolved
	]
	return sorted(rows, key=lambda row: row.category or "")
