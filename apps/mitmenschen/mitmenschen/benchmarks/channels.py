"""Benchmark: 10,000 notices through an SMS gateway outage — each sent once, none lost.

	bench --site <site> execute mitmenschen.benchmarks.channels.run
	bench --site <site> execute mitmenschen.benchmarks.channels.run --kwargs "{'notices': 1000}"

A real HTTP SMS gateway on loopback (mitmenschen.tests.gateways) answers 503 while the notices are
queued and their first delivery is tried (after each commit, as in production); then it comes back
and the retry job (notices.retry_due, what the scheduler runs every minute) runs until nothing is
due, with the clock of each failed message moved to "due now" between rounds instead of waiting for
the back-off. The gateway records every request; the figures count, per notice number, how many
times the gateway accepted it. Not a test: it prints figures. Everything it created is deleted
afterwards, and Frappe's SMS Settings are restored.
"""

import re
import time
from collections import Counter

import frappe
from frappe.utils import add_to_date, now_datetime, nowdate, random_string

from mitmenschen.outbound import consent
from mitmenschen.outbound.notices import LOG, SENT, notify, retry_due
from mitmenschen.outbound.templates import TemplateSet
from mitmenschen.tests.gateways import SMSGateway, configure_sms

PORT = 2690
PEOPLE = 100
COMMIT_EVERY = 500
NOTICE = TemplateSet(
	"Mit:Menschen Benchmark Notice", lambda lang: ("Mitteilung #{{ n }}", "<p>Nachricht Nummer #{{ n }}.</p>")
)
NUMBER = re.compile(r"#(\w+)-(\d+)")  # run id and notice number (another run's texts do not count)


def run(notices: int = 10_000) -> dict:
	frappe.set_user("Administrator")
	saved = frappe.get_single("SMS Settings").as_dict()
	gateway = SMSGateway(PORT).start()
	run_id = random_string(6)
	households: list[str] = []
	try:
		configure_sms(gateway)
		households = make_people(run_id)
		frappe.db.commit()

		gateway.down = True
		started = time.monotonic()
		for n in range(notices):
			person = ("Refugee Household", households[n % len(households)])
			notify(person, NOTICE, {"n": f"{run_id}-{n}"}, key=f"bench-channels:{run_id}:{n}")
			if (n + 1) % COMMIT_EVERY == 0:
				frappe.db.commit()  # each commit tries the deliveries queued in it
		frappe.db.commit()
		outage_seconds = time.monotonic() - started
		failed_attempts = len(gateway.requests)
		statuses = Counter(
			frappe.get_all(LOG, filters={"key": ["like", f"bench-channels:{run_id}:%"]}, pluck="status")
		)

		gateway.down = False
		started = time.monotonic()
		rounds = 0
		while True:
			frappe.db.sql(
				"update `tabOutbound Message` set next_attempt_on=%s where `key` like %s and status!=%s",
				(add_to_date(now_datetime(), seconds=-1), f"bench-channels:{run_id}:%", SENT),
			)
			frappe.db.commit()
			rounds += 1
			if not retry_due():
				break
		recovery_seconds = time.monotonic() - started

		accepted = Counter(
			int(match.group(2))
			for request in gateway.requests
			if request["delivered"]
			and (match := NUMBER.search(request["params"].get("text", "")))
			and match.group(1) == run_id
		)
		final = Counter(
			frappe.get_all(LOG, filters={"key": ["like", f"bench-channels:{run_id}:%"]}, pluck="status")
		)
		figures = {
			"notices": notices,
			"people": len(households),
			"outage_phase_seconds": round(outage_seconds, 1),
			"outage_phase_per_notice_ms": round(1000 * outage_seconds / notices, 2),
			"attempts_refused_during_outage": failed_attempts,
			"statuses_after_outage": dict(statuses),
			"recovery_seconds": round(recovery_seconds, 1),
			"recovery_per_notice_ms": round(1000 * recovery_seconds / notices, 2),
			"retry_rounds": rounds,
			"statuses_after_recovery": dict(final),
			"delivered_once": sum(1 for n in range(notices) if accepted[n] == 1),
			"delivered_twice_or_more": sum(1 for count in accepted.values() if count > 1),
			"lost": sum(1 for n in range(notices) if accepted[n] == 0),
		}
		for key, value in figures.items():
			print(f"{key:34} {value}")
		return figures
	finally:
		gateway.stop()
		frappe.db.rollback()
		clean_up(run_id, households)
		restore_sms_settings(saved)
		frappe.db.commit()


def make_people(run_id: str) -> list[str]:
	names = []
	for index in range(PEOPLE):
		household = frappe.get_doc(
			{"doctype": "Refugee Household", "family_name": f"Benchmark {run_id} {index}"}
		).insert(ignore_permissions=True)
		frappe.get_doc(
			{
				"doctype": consent.PROFILE,
				"party_doctype": "Refugee Household",
				"party": household.name,
				"preferred_channel": "SMS",
				"mobile": f"+49176{index:08d}",
				"consents": [{"channel": "SMS", "given_on": nowdate(), "how": "Form"}],
			}
		).insert(ignore_permissions=True)
		names.append(household.name)
	return names


def clean_up(run_id: str, households: list[str]) -> None:
	frappe.db.delete(LOG, {"key": ["like", f"bench-channels:{run_id}:%"]})
	if not households:
		return
	profiles = frappe.get_all(consent.PROFILE, filters={"party": ("in", households)}, pluck="name")
	if profiles:
		frappe.db.delete("Channel Consent", {"parent": ("in", profiles)})
		frappe.db.delete(consent.PROFILE, {"name": ("in", profiles)})
	for doctype in ("Comment", "Version"):
		field = "reference_name" if doctype == "Comment" else "docname"
		frappe.db.delete(doctype, {field: ("in", households + profiles)})
	frappe.db.delete("SMS Log", {"message": ["like", "Mitteilung #%"]})
	frappe.db.delete("Refugee Household", {"name": ("in", households)})


def restore_sms_settings(saved: dict) -> None:
	settings = frappe.get_single("SMS Settings")
	settings.sms_gateway_url = saved.get("sms_gateway_url")
	settings.message_parameter = saved.get("message_parameter")
	settings.receiver_parameter = saved.get("receiver_parameter")
	settings.use_post = saved.get("use_post")
	settings.set("parameters", [{k: row[k] for k in ("parameter", "value", "header")} for row in saved.get("parameters") or []])
	settings.flags.ignore_mandatory = True
	settings.save(ignore_permissions=True)
