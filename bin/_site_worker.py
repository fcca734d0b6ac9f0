"""Frappe's RQ worker for the one site bin/production serves: mm-worker-short and mm-worker-long.

Frappe names its queues after the bench (`bench_id`), so every site of a bench shares them and
`bench worker` runs any site's jobs. bin/production gives the served site a bench_id of its own in
its site_config.json while the stack runs; the site's jobs then go to queues of their own, and this
worker listens to those, named as the site names them. On a cooperative's bench (one site) that is the
same as `bench worker`; on a developer's or CI's bench, other sites' waiting jobs are left alone.
The worker itself is Frappe's (frappe.utils.background_jobs.start_worker), only the queues differ.

Run from sites/ with the bench's Python: env/bin/python bin/_site_worker.py <site> <queue>[,<queue>]
"""

import sys

import frappe
from frappe.utils.background_jobs import get_queue_list, get_redis_conn, set_niceness
from rq import Worker
from rq.worker import DequeueStrategy


def main(site: str, queues: str) -> None:
	with frappe.init_site(site):
		connection = get_redis_conn()
		names = get_queue_list([queue.strip() for queue in queues.split(",")], build_queue_name=True)
	set_niceness()
	Worker(names, connection=connection).work(
		logging_level="INFO",
		date_format="%Y-%m-%d %H:%M:%S",
		log_format="%(asctime)s,%(msecs)03d %(message)s",
		dequeue_strategy=DequeueStrategy.DEFAULT,
	)


if __name__ == "__main__":
	if len(sys.argv) != 3:
		sys.exit("usage: _site_worker.py <site> <queue>[,<queue>]")
	main(sys.argv[1], sys.argv[2])
