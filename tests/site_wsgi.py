"""The web server bin/test runs the end-to-end suite against: Frappe's WSGI application pinned to the
site under test (MM_SITE), with /assets and /files served as `bench serve` serves them, run by gunicorn
with a worker per core (`bench serve` is one process: under Python's GIL it answers one request at a
time, while the suite's two processes and their browsers ask for several at once).

	cd sites && MM_SITE=test.localhost gunicorn --pythonpath ../tests site_wsgi:application
"""

import os

import frappe.app

frappe.app._site = os.environ["MM_SITE"]  # what `bench --site X serve` sets: every request is for X
application = frappe.app.application_with_statics()
