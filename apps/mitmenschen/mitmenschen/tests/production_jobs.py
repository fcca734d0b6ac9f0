"""Test support of the production smoke test (tests/production): jobs for the stack's workers."""

import frappe


def enqueue_ping(job_id: str) -> dict:
	"""Enqueues frappe.ping on the short queue; the job's id as RQ knows it and the queue it waits in."""
	job = frappe.enqueue("frappe.ping", queue="short", job_id=job_id)
	return {"job": job.id, "queue": job.origin}


def queue_mail(port: int, recipient: str, subject: str) -> str:
	"""One mail in Frappe's Email Queue, sent by the stack's workers to a loopback SMTP sink on `port`:
	the outgoing account points there, and the queue's flush is enqueued at once (the scheduler's
	would come within minutes). Returns the flush job's id."""
	from mitmenschen.tests.mail import ensure_outgoing_account

	ensure_outgoing_account(port)
	frappe.sendmail(recipients=[recipient], subject=subject, message="<p>Mit:Menschen production check</p>")
	frappe.db.commit()
	return frappe.enqueue("frappe.email.queue.flush", queue="short").id
