"""Test support of the production smoke test (tests/production): jobs for the stack's workers."""

import frappe


def enqueue_ping(job_id: str) -> dict:
	"""Enqueues frappe.ping on the short queue; the job's id as RQ knows it and the queue it waits in."""
	job = frappe.enqueue("frappe.ping", queue="short", job_id=job_id)
	return {"job": job.id, "queue": job.origin}


def enqueue_marker(marker: str) -> dict:
	"""Enqueues write_marker on the short queue; the job's id and the queue it waits in."""
	job = frappe.enqueue("mitmenschen.tests.production_jobs.write_marker", queue="short", marker=marker)
	return {"job": job.id, "queue": job.origin}


def write_marker(marker: str) -> None:
	"""A job's trace in the database of the site it runs on: the marker and that site's name."""
	frappe.db.set_default("mm_production_marker", f"{marker}@{frappe.local.site}")


def enqueue_scheduled_backup(marker: str | None = None) -> dict:
	"""The app's backup job, enqueued as the scheduler enqueues it (its Scheduled Job Type), at once;
	a marker is first written as a default of the site and committed, so that the job's dump holds it."""
	if marker:
		frappe.db.set_default("mm_backup_marker", marker)
		frappe.db.commit()
	job_type = frappe.get_doc("Scheduled Job Type", {"method": "mitmenschen.backups.scheduled.run"})
	return {"enqueued": job_type.enqueue(force=True), "queue": job_type.get_queue_name()}


def queue_mail(port: int, recipient: str, subject: str, sender: str | None = None) -> str:
	"""One mail in Frappe's Email Queue, sent by the stack's workers to a loopback SMTP sink on `port`:
	the outgoing account (`sender`, else the tests' usual address) points there, and the queue's flush
	is enqueued at once (the scheduler's would come within minutes). Returns the flush job's id."""
	from mitmenschen.tests.mail import ensure_outgoing_account

	if sender:
		ensure_outgoing_account(port, email_id=sender)
	else:
		ensure_outgoing_account(port)
	frappe.sendmail(recipients=[recipient], subject=subject, message="<p>Mit:Menschen production check</p>")
	frappe.db.commit()
	return frappe.enqueue("frappe.email.queue.flush", queue="short").id
