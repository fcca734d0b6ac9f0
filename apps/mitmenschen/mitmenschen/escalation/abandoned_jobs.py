"""Frees the job ids of background jobs whose worker died mid-job (kill -9, the OOM killer, a stopped
container), so that the sweep is queued again within two minutes instead of ten.

Frappe queues a scheduled job under a fixed job id and skips it while a job of that id is queued or
started. A worker killed together with its work horse leaves its job *started* in rq's registry of
started jobs; rq moves such a job to the failed ones only after its heartbeat has expired (90 s) *and*
a worker runs its maintenance, every 10 minutes. Until then Frappe's scheduler logs "Skipped queueing
mitmenschen.escalation.sweep.run because it was found in queue" and no escalation goes out (found by
the fault drill, `benchmarks/fault_drill.py`). Every minute this runs rq's own clean-up of the started
registries: only jobs whose heartbeat has expired move, a running job keeps its place.
"""

from frappe.utils.background_jobs import get_queue, get_queues_timeout


def free() -> int:
	"""Scheduler entry point (every minute); returns how many abandoned jobs were freed."""
	freed = 0
	for queue_type in get_queues_timeout():  # short, default, long and any the site configures
		registry = get_queue(queue_type).started_job_registry
		before = registry.connection.zcard(registry.key)
		registry.cleanup()
		freed += before - registry.connection.zcard(registry.key)
	return freed
