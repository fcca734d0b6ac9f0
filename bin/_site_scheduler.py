"""Frappe's scheduler loop for the sites bin/production serves: the production stack's mm-schedule.

`bench schedule` enqueues the due jobs of every site of the bench whose scheduler is on. This loop is
the same, for exactly the sites it is given (bin/production passes SITE or SITES, and turns each one's
scheduler on while the stack runs): on a bench of several cooperatives that the stack serves, that is
all of them; on a developer's or CI's bench, other sites' scheduled jobs are left alone. Each site's
events go to that site's own queues (its bench_id), where the stack's workers take them. It takes
Frappe's scheduler lock, so it never runs beside a `bench schedule` of the same bench.

Run from sites/ with the bench's Python: env/bin/python bin/_site_scheduler.py <site>[,<site>]
"""

import sys
import time

from filelock import FileLock
from frappe.utils.background_jobs import set_niceness
from frappe.utils.scheduler import (
	_get_scheduler_lock_file,
	enqueue_events_for_site,
	get_scheduler_tick,
)


def main(sites: list[str]) -> None:
	set_niceness()
	# blocks while another scheduler of this bench (bin/run's `bench schedule`) holds the lock
	with FileLock(_get_scheduler_lock_file()):
		tick = get_scheduler_tick()
		print(f"scheduler for {', '.join(sites)}: every {tick} s", flush=True)
		while True:
			time.sleep(tick)
			for site in sites:  # one by one, as Frappe's enqueue_events_for_all_sites does
				enqueue_events_for_site(site)


if __name__ == "__main__":
	if len(sys.argv) != 2:
		sys.exit("usage: _site_scheduler.py <site>[,<site>]")
	main([site.strip() for site in sys.argv[1].split(",") if site.strip()])
