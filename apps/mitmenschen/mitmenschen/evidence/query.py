"""Query-builder pieces the figures share: months, percentiles and the base query of cases.

MariaDB computes medians and 90th percentiles itself (`PERCENTILE_CONT`, a window function), so a
report never pulls every case into Python to sort it.
"""

import frappe
from frappe.query_builder import CustomFunction
from pypika.terms import Term
from pypika.utils import format_alias_sql

from mitmenschen.evidence.period import Period, Scope

CASE = "Mediation Case"
DateFormat = CustomFunction("DATE_FORMAT", ["date", "format"])
MONTH_FORMAT = "%Y-%m"


def month_of(field) -> Term:
	return DateFormat(field, MONTH_FORMAT)


class PercentileCont(Term):
	"""PERCENTILE_CONT(f) WITHIN GROUP (ORDER BY x) OVER (PARTITION BY ...): the continuous percentile
	(linear interpolation between neighbours, as in a spreadsheet's PERCENTILE.INC)."""

	def __init__(self, fraction: float, order_by: Term, partition_by: list[Term] | None = None, alias=None):
		super().__init__(alias=alias)
		self.fraction = float(fraction)
		self.order_by = order_by
		self.partition_by = partition_by or []

	def get_sql(self, with_alias: bool = False, **kwargs) -> str:
		partition = ", ".join(term.get_sql(**kwargs) for term in self.partition_by)
		sql = (
			f"PERCENTILE_CONT({self.fraction}) WITHIN GROUP (ORDER BY {self.order_by.get_sql(**kwargs)})"
			f" OVER ({'PARTITION BY ' + partition if partition else ''})"
		)
		return format_alias_sql(sql, self.alias, **kwargs) if with_alias else sql


class Over(Term):
	"""An aggregate as a window function over groups: COUNT(*) OVER (PARTITION BY ...). With DISTINCT,
	counts and percentiles of several groups come from one pass over the rows."""

	def __init__(self, aggregate: Term, partition_by: list[Term] | None = None, alias=None):
		super().__init__(alias=alias)
		self.aggregate = aggregate
		self.partition_by = partition_by or []

	def get_sql(self, with_alias: bool = False, **kwargs) -> str:
		partition = ", ".join(term.get_sql(**kwargs) for term in self.partition_by)
		sql = f"{self.aggregate.get_sql(**kwargs)} OVER ({'PARTITION BY ' + partition if partition else ''})"
		return format_alias_sql(sql, self.alias, **kwargs) if with_alias else sql


def cases_in(period: Period, scope: Scope, field: str = "opened_on"):
	"""(table, query) of the cases whose `field` falls into the period, within the scope."""
	table = frappe.qb.DocType(CASE)
	query = frappe.qb.from_(table).where(table[field] >= period.begins).where(table[field] < period.ends)
	for condition in scope.conditions(table):
		query = query.where(condition)
	return table, query


def percent(part: int, whole: int) -> float | None:
	return round(100.0 * part / whole, 1) if whole else None
