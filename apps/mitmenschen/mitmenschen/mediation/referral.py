"""A case referred to a partner: the case's fields in the one referral lifecycle
(`households.referral_lifecycle`, where the decision against a record of its own is written down).

The controller validates a case's referral with `validate(CASE, case)`; the partner portal answers with
`accept(CASE, …)`, `decline(CASE, …)` and `complete(CASE, …)` once it has proven the case is the caller's.
The answer's time stops the case's referral clock (`mediation.sla`).
"""

from mitmenschen.households.referral_lifecycle import ReferralKind

CASE = ReferralKind(
	doctype="Mediation Case",
	organisation_field="referred_to",
	household_field="respondent_household",
	status_field="referral_status",
	decline_reason_field="referral_decline_reason",
	requested_on_field="referral_requested_on",
	responded_on_field="referral_responded_on",
)
