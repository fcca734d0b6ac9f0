"""Test support of the production smoke test (tests/production): a job for the stack's workers."""

import frappe


def enqueue_ping(job_id: str) -> dict:
	"""Enqueues frappe.ping on the short queue; the job's id as RQ knows it and the queue it waits in."""
	job = frappe.enqueue("frappe.ping", queue="short", job_id=job_id)
	return {"job": job.id, "queue": job.origin}
