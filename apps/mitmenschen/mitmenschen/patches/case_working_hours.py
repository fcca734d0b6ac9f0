"""Cases stamped before they kept their times in working hours get them from their timestamps."""

from mitmenschen.mediation.sla import restamp_working_hours


def execute() -> None:
	restamp_working_hours()
