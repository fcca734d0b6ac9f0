"""What a sweep finds: one finding per household and kind, with its cause in words."""

from dataclasses import dataclass
from datetime import date

ARREARS = "Rent Arrears"
ONBOARDING = "Onboarding Overdue"
UNMET_NEED = "Unmet Need"
DECLINED_TWICE = "Referral Declined Twice"
COMPLAINTS = "Recurring Complaints"
CONSENT = "Consent Expiring"
KINDS = (ARREARS, ONBOARDING, UNMET_NEED, DECLINED_TWICE, COMPLAINTS, CONSENT)

# arrears are stored as one of these bands, never as an amount
BELOW_ONE, ONE_TO_TWO, ABOVE_TWO = (
	"Less than one month's rent",
	"One to two months' rent",
	"More than two months' rent",
)

LIVING_HERE = ("Allocation Approved", "Moved In", "Settled")


@dataclass(frozen=True)
class Finding:
	household: str
	kind: str
	since: date
	cause: str
	arrears_band: str | None = None
	age_days: int | None = None

	@property
	def key(self) -> tuple[str, str]:
		return (self.household, self.kind)


def band_of(months_of_rent: float) -> str:
	if months_of_rent < 1:
		return BELOW_ONE
	return ONE_TO_TWO if months_of_rent <= 2 else ABOVE_TWO
