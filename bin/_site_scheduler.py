"""Frappe's scheduler loop for one site: the production stack's mm-schedule (bin/production).

`bench schedule` enqueues the due jobs of every site of the bench whose scheduler is on. A
cooperative's bench has one site, so this is the same loop; on a bench with several sites (a
developer's, CI's) it keeps the production stack from running other sites' scheduled jobs. It
takes Frappe's scheduler lock, so it never runs beside a `bench schedule` of the same bench.

Run from sites/ with the bench's Python: env/bin/python bin/_site_scheduler.py <site>
"""

import sys
import time

from filelock import FileLock
from frappe.utils.background_jobs import set_niceness
from frappe.utils.scheduler import _get_scheduler_lock_file, enqueue_events_for_site, get_scheduler_tick


def main(site: str) -> None:
	set_niceness()
	# blocks while another scheduler of this bench (bin/run's `bench schedule`) holds the lock
	with FileLock(_get_scheduler_lock_file()):
		tick = get_scheduler_tick()
		print(f"scheduler for {site}: every {tick} s", flush=True)
		while True:
			time.sleep(tick)
			enqueue_events_for_site(site)


if __name__ == "__main__":
	if len(sys.argv) != 2:
		sys.exit("usage: _site_scheduler.py <site>")
	main(sys.argv[1])
