"""A case reaches a partner only under the family's consent, or a manager's recorded override.

The gate itself lives with the consent (`households.consent.enforce_consent`), where a referral of a
household to a partner uses it too; a case names its own fields.
"""

from mitmenschen.households.consent import ConsentRequiredError, enforce_consent

__all__ = ["ConsentRequiredError", "enforce_referral_consent"]


def enforce_referral_consent(case) -> None:
	enforce_consent(
		case,
		organisation_field="referred_to",
		household_field="respondent_household",
		status_field="referral_status",
	)
