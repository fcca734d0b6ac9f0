"""What came of a household's move-in: its onboarding plan and its referrals to partners.

They name the family and its children (the plan's per-child steps, the member a referral is for) and
carry free texts (skip and decline reasons, a consent override's reason), so they are anonymised with
the household and exported with it (Art. 15). Steps, needs, partners, statuses and dates stay: the
round table counts onboarding steps done on time and needs found and met.
"""

import frappe

from mitmenschen.privacy.trail import anonymised_text, scrub_trail

PLAN, PLAN_STEP, REFERRAL = "Onboarding Plan", "Onboarding Plan Step", "Household Referral"


def household_plans(households: list[str]) -> list[str]:
	return frappe.get_all(PLAN, filters={"household": ("in", households)}, pluck="name") if households else []


def household_referrals(households: list[str]) -> list[str]:
	if not households:
		return []
	return frappe.get_all(REFERRAL, filters={"household": ("in", households)}, pluck="name")


def anonymise_household_followups(households: list[str], include_unindexed_logs: bool = False) -> None:
	plans, referrals = household_plans(households), household_referrals(households)
	if plans:
		plan, step = frappe.qb.DocType(PLAN), frappe.qb.DocType(PLAN_STEP)
		frappe.qb.update(plan).set(plan.family_name, anonymised_text()).where(plan.name.isin(plans)).run()
		(
			frappe.qb.update(step)
			.set(step.child_name, None)
			.set(step.skip_reason, None)
			.where(step.parent.isin(plans) & (step.parenttype == PLAN))
			.run()
		)
		scrub_trail(PLAN, plans, include_unindexed_logs=include_unindexed_logs)
	if referrals:
		referral = frappe.qb.DocType(REFERRAL)
		(
			frappe.qb.update(referral)
			.set(referral.family_name, anonymised_text())
			.set(referral.referred_member, None)
			.set(referral.decline_reason, None)
			.set(referral.consent_override_reason, None)
			.where(referral.name.isin(referrals))
			.run()
		)
		scrub_trail(REFERRAL, referrals, include_unindexed_logs=include_unindexed_logs)


def export_household_followups(household: str) -> dict:
	return {
		"onboarding_plans": [frappe.get_doc(PLAN, name).as_dict() for name in household_plans([household])],
		"household_referrals": [
			frappe.get_doc(REFERRAL, name).as_dict() for name in household_referrals([household])
		],
	}
