"""An escalation ladder: rungs of *when* (a share of the target, or hours after the breach) and
*whom*. Turns a ladder and a clock (start, target) into due times; knows nothing of cases or actions.
"""

from dataclasses import dataclass
from datetime import datetime

from frappe import _

from mitmenschen.escalation.working_hours import WorkingCalendar

SHARE_OF_TARGET = "Share of Target"
AFTER_BREACH = "After Breach"


@dataclass(frozen=True)
class Rung:
	level: int
	trigger: str = SHARE_OF_TARGET
	percent: float = 100
	hours_after_breach: float = 0
	notify: str = "Assignee"
	notify_value: str | None = None

	def hours_into(self, target_hours: float) -> float:
		if self.trigger == AFTER_BREACH:
			return target_hours + (self.hours_after_breach or 0)
		return target_hours * (self.percent if self.percent is not None else 100) / 100

	@property
	def is_breach(self) -> bool:
		return self.trigger == AFTER_BREACH or (self.percent or 0) >= 100


@dataclass(frozen=True)
class Step:
	"""One rung placed on the calendar."""

	rung: Rung
	due_at: datetime


def rungs_from_rows(rows, applies_to: str) -> list[Rung]:
	"""Rungs of a ladder table (child rows of `Escalation Rung`) for one clock."""
	return [
		Rung(
			level=row.level,
			trigger=row.trigger or SHARE_OF_TARGET,
			percent=row.percent if row.percent is not None else 100,
			hours_after_breach=row.hours_after_breach or 0,
			notify=row.notify,
			notify_value=row.role if row.notify == "Role" else row.user if row.notify == "User" else None,
		)
		for row in rows
		if row.applies_to == applies_to
	]


def place(
	rungs: list[Rung],
	calendar: WorkingCalendar,
	start: datetime,
	target_hours: float,
	paused_hours: float = 0,
) -> list[Step]:
	"""Due time of each rung: `start` plus its share of the target in working hours, plus time paused."""
	return [Step(rung, calendar.add(start, rung.hours_into(target_hours) + paused_hours)) for rung in rungs]


def describe(clock: str, trigger: str, percent: float | None, hours_after_breach: float | None) -> str:
	"""What happened, in the current language (the sweep renders in the recipient's)."""
	clock_label = _(clock, context="Escalation")
	if trigger == AFTER_BREACH:
		return _("{0}: target missed {1} working hours ago").format(
			clock_label, _format_number(hours_after_breach)
		)
	if trigger == SHARE_OF_TARGET and (percent or 0) < 100:
		return _("{0}: {1} % of the target time has passed").format(clock_label, _format_number(percent))
	if trigger == SHARE_OF_TARGET:
		return _("{0}: target missed").format(clock_label)
	if trigger == "Before":
		return _("{0}: reminder").format(clock_label)
	return _("{0}: please act now").format(clock_label)


def _format_number(value: float | None) -> str:
	value = value or 0
	return str(int(value)) if float(value).is_integer() else f"{value:g}"
