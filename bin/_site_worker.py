"""Frappe's RQ worker for the sites bin/production serves: mm-worker-short and mm-worker-long.

Frappe names its queues after the bench (`bench_id`), so every site of a bench shares them and
`bench worker` runs any site's jobs. bin/production gives each served site a bench_id of its own in
its site_config.json while the stack runs; a site's jobs then go to queues of their own, and this
worker listens to the served sites' queues, named as each site names them. A job carries its site
(Frappe's execute_job opens that site), so it runs against the site that enqueued it whichever
worker takes it. On a cooperative's bench where the stack serves every site that is the same as
`bench worker`; on a developer's or CI's bench, other sites' waiting jobs are left alone.
The worker itself is Frappe's (frappe.utils.background_jobs.start_worker), only the queues differ.

Run from sites/ with the bench's Python:
    env/bin/python bin/_site_worker.py <site>[,<site>] <queue>[,<queue>]
"""

import sys

import frappe
from frappe.utils.background_jobs import get_queue_list, get_redis_conn, set_niceness
from rq import Worker
from rq.worker import DequeueStrategy


def queue_names(sites: list[str], queues: list[str]) -> list[str]:
	"""Every site's queue of the first kind, then of the next: a short job of any site before a long one."""
	names: dict[str, list[str]] = {}
	for site in sites:
		with frappe.init_site(site):
			names[site] = get_queue_list(queues, build_queue_name=True)
	# without a bench_id of their own, sites share the bench's queues: each name once
	return list(dict.fromkeys(names[site][kind] for kind in range(len(queues)) for site in sites))


def main(sites: str, queues: str) -> None:
	served = [site.strip() for site in sites.split(",") if site.strip()]
	names = queue_names(served, [queue.strip() for queue in queues.split(",") if queue.strip()])
	with frappe.init_site(served[0]):  # every site of a bench shares its Redis
		connection = get_redis_conn()
	set_niceness()
	print(f"worker for {sites}: {', '.join(names)}", flush=True)
	Worker(names, connection=connection).work(
		logging_level="INFO",
		date_format="%Y-%m-%d %H:%M:%S",
		log_format="%(asctime)s,%(msecs)03d %(message)s",
		dequeue_strategy=DequeueStrategy.DEFAULT,
	)


if __name__ == "__main__":
	if len(sys.argv) != 3:
		sys.exit("usage: _site_worker.py <site>[,<site>] <queue>[,<queue>]")
	main(sys.argv[1], sys.argv[2])
