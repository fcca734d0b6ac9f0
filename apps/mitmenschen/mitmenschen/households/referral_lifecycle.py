"""One referral lifecycle for every kind of referral to a partner: a case (`mediation.referral.CASE`)
and a household's need (`households.referral.HOUSEHOLD`).

    Requested ──accept──▶ Accepted ──complete──▶ Done
        └──────decline (with a reason)──▶ Declined

A referral is Requested when it gets its partner (a new partner asks anew: the answer, its time and a
decline reason belong to the partner who gave them), only an Active partner organisation receives one,
the family's consent (or a manager's recorded override) lets it through, and the partner answers in its
portal. Like the consent gate (`households.consent.enforce_consent`) the lifecycle is one set of
functions and each kind names its own fields in a `ReferralKind`; the controllers call `validate` and
the portal API calls `accept`, `decline` and `complete` after proving the referral is the caller's.

It sits in `households` because it uses the consent gate there, below `mediation`, whose case
referral it serves too.

Should a case referral become a record of its own (a "Case Referral" beside Household Referral, so a
partner's inbox reads one kind and a case keeps its referral history)? Not now, for these reasons:

- The case *is* what a partner works on: the permission hooks (`access.permissions.case_query`)
  give a partner the case because `referred_to` names it, one condition on an indexed column; with a
  separate record every list, form, print and route-audit check of a case would need a subquery on
  the referrals (as Round Table Meeting does for attendees), for every one of the partner's requests.
- The case's referral fields feed the escalation engine's referral clock (`mediation.sla`,
  `mediation.escalation_source`), the half-year figures (`evidence.referrals`, `evidence.period`),
  retention, the demo and about thirty modules and tests: a move is a migration of its own, not part
  of unifying the mechanism.
- The history is not lost today: every answer is a timeline comment on the case ("Referral declined
  by …: reason") and Frappe's version log keeps each change of partner and status.

What it would take: a doctype with the `HOUSEHOLD` kind's fields plus `case` (Link), a `CASE_RECORD`
kind here, a patch that makes one record per case with `referred_to` (status, times and decline
reason copied), `referred_to`/`referral_status` kept on the case as the *current* referral (set by the
record's `on_update`, so hooks, indexes, SLA and figures stay as they are), and the partner portal's
inbox reading the one doctype. The lifecycle functions below would need no change.
"""

from dataclasses import dataclass

import frappe
from frappe import _
from frappe.utils import now_datetime

from mitmenschen.households.consent import enforce_consent

REQUESTED, ACCEPTED, DECLINED, DONE = "Requested", "Accepted", "Declined", "Done"
ANSWERED = (ACCEPTED, DECLINED)
ACTIVE = "Active"  # only active partner organisations receive referrals


class ReferralError(frappe.ValidationError):
	pass


class InactivePartnerError(ReferralError):
	pass


@dataclass(frozen=True)
class ReferralKind:
	"""Where a kind of referral keeps its partner, household, status, answer and times."""

	doctype: str
	organisation_field: str
	household_field: str
	status_field: str
	decline_reason_field: str
	requested_on_field: str
	responded_on_field: str
	done_on_field: str | None = None
	error: type[frappe.ValidationError] = ReferralError
	inactive_error: type[frappe.ValidationError] = InactivePartnerError
	manager_only_message: object = None  # the consent gate's refusal for non-managers (frappe._lt)


# ---- checks: the controllers' validate ----------------------------------------------------------
def validate(kind: ReferralKind, doc) -> None:
	"""Everything a referral must satisfy on save, in order: a partner behind a status, an active
	partner, the family's consent, a reason behind a decline; then the times are stamped."""
	validate_partner(kind, doc)
	enforce_consent(
		doc,
		organisation_field=kind.organisation_field,
		household_field=kind.household_field,
		status_field=kind.status_field,
		manager_only_message=str(kind.manager_only_message) if kind.manager_only_message else None,
	)
	require_decline_reason(kind, doc)
	stamp_times(kind, doc)


def validate_partner(kind: ReferralKind, doc) -> None:
	organisation = doc.get(kind.organisation_field)
	if not organisation:
		if doc.get(kind.status_field):
			frappe.throw(
				_("A referral status needs a partner organisation to refer to."),
				title=_("Referral"),
				exc=kind.error,
			)
		return
	if not doc.has_value_changed(kind.organisation_field):
		return
	status = frappe.db.get_value("Partner Organisation", organisation, "status")
	if status != ACTIVE:
		frappe.throw(
			_("{0} is {1}: only active partner organisations can receive referrals.").format(
				frappe.bold(organisation), frappe.bold(_(status or "unknown"))
			),
			title=_("Partner Not Active"),
			exc=kind.inactive_error,
		)
	doc.set(kind.status_field, REQUESTED)  # a new partner answers anew


def require_decline_reason(kind: ReferralKind, doc) -> None:
	if (
		doc.get(kind.status_field) == DECLINED
		and doc.has_value_changed(kind.status_field)
		and not (doc.get(kind.decline_reason_field) or "").strip()
	):
		frappe.throw(
			_("Please give the reason why the referral was declined."),
			title=_("Reason Required"),
			exc=kind.error,
		)


def stamp_times(kind: ReferralKind, doc) -> None:
	"""Requested starts the partner's response clock (an imported record keeps its own start),
	an answer stops it, Done is dated."""
	if not doc.has_value_changed(kind.status_field):
		return
	status = doc.get(kind.status_field)
	if status == REQUESTED:
		if not (doc.is_new() and doc.get(kind.requested_on_field)):
			doc.set(kind.requested_on_field, now_datetime())
		doc.set(kind.responded_on_field, None)
		doc.set(kind.decline_reason_field, None)
		if kind.done_on_field:
			doc.set(kind.done_on_field, None)
	elif status in ANSWERED:
		doc.set(kind.responded_on_field, now_datetime())
	elif status == DONE and kind.done_on_field:
		doc.set(kind.done_on_field, now_datetime())


# ---- the partner's answers: the portal API calls these once the referral is proven the caller's ---
def accept(kind: ReferralKind, name: str):
	return _answer(kind, name, ACCEPTED)


def decline(kind: ReferralKind, name: str, reason: str):
	reason = (reason or "").strip()
	if not reason:
		frappe.throw(
			_("Please give the reason why the referral was declined."),
			title=_("Reason Required"),
			exc=kind.error,
		)
	return _answer(kind, name, DECLINED, reason)


def complete(kind: ReferralKind, name: str):
	"""The partner reports its part done; only an accepted referral can be."""
	doc = frappe.get_doc(kind.doctype, name)
	if doc.get(kind.status_field) != ACCEPTED:
		frappe.throw(_("Only an accepted referral can be marked done."), title=_("Referral"), exc=kind.error)
	doc.set(kind.status_field, DONE)
	doc.save(ignore_permissions=True)  # partners hold read-only permissions; the caller checked
	return doc


def _answer(kind: ReferralKind, name: str, status: str, reason: str | None = None):
	doc = frappe.get_doc(kind.doctype, name)
	current = doc.get(kind.status_field)
	if current != REQUESTED:
		frappe.throw(
			_("This referral was already answered ({0}).").format(
				_(current, context=kind.doctype) if current else "?"
			),
			title=_("Referral"),
			exc=kind.error,
		)
	doc.set(kind.status_field, status)
	if reason:
		doc.set(kind.decline_reason_field, reason)
	doc.save(ignore_permissions=True)  # partners hold read-only permissions; the caller checked
	organisation = doc.get(kind.organisation_field)
	doc.add_comment(
		"Info",
		_("Referral declined by {0}: {1}").format(organisation, reason)
		if reason
		else _("Referral accepted by {0}.").format(organisation),
	)
	return doc
