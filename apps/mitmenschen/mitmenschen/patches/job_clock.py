"""Sites set up before job_clock.py existed: their job types still wait for a `creation` hours ahead."""

from mitmenschen.mitmenschen_setup.job_clock import rebase_future_job_types


def execute() -> None:
	rebase_future_job_types()
