import time

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils.background_jobs import get_queue, get_redis_conn, is_job_enqueued
from rq.job import Job, JobStatus

from mitmenschen.escalation.abandoned_jobs import free


class TestAbandonedJobs(FrappeTestCase):
	"""A job left *started* by a dead worker blocks its job id; a running one must keep it."""

	def setUp(self) -> None:
		self.queue = get_queue("default")
		self.registry = self.queue.started_job_registry
		self.jobs = []

	def tearDown(self) -> None:
		for job in self.jobs:
			self.registry.remove(job)
			self.queue.failed_job_registry.remove(job)
			job.delete()

	def started_job(self, name: str, heartbeat_in: int) -> tuple[str, Job]:
		job_id = f"test-abandoned-{name}-{frappe.generate_hash(length=6)}"
		job = Job.create(
			"frappe.ping",
			id=f"{frappe.local.site}::{job_id}",
			connection=get_redis_conn(),
			origin=self.queue.name,
		)
		job.set_status(JobStatus.STARTED)
		job.save()
		# rq's registry score: when the job's heartbeat expires (in the past: its worker is gone)
		self.registry.connection.zadd(self.registry.key, {job.id: time.time() + heartbeat_in})
		self.jobs.append(job)
		return job_id, job

	def test_a_dead_workers_job_is_freed_and_a_running_one_stays(self):
		dead_id, dead = self.started_job("dead", heartbeat_in=-10)
		live_id, live = self.started_job("live", heartbeat_in=600)
		self.assertTrue(is_job_enqueued(dead_id))  # what makes Frappe's scheduler skip the job

		self.assertGreaterEqual(free(), 1)

		self.assertFalse(is_job_enqueued(dead_id))
		self.assertEqual(dead.get_status(refresh=True), JobStatus.FAILED)
		self.assertNotIn(dead.id, self.registry)
		self.assertTrue(is_job_enqueued(live_id))
		self.assertIn(live.id, self.registry)
		self.assertEqual(live.get_status(refresh=True), JobStatus.STARTED)
