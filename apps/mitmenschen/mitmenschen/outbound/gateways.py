"""What a channel's gateway answered: delivered (an id, if it gives one), or an error that is worth
another attempt later (outage, overload) or not (a number the gateway refuses)."""

import requests

TIMEOUT_SECONDS = 15


class GatewayError(Exception):
	def __init__(self, message: str, *, permanent: bool = False) -> None:
		super().__init__(message)
		self.permanent = permanent


def error_of(response: requests.Response) -> GatewayError:
	"""4xx (other than timeout and rate limit) will not get better by trying again."""
	status = response.status_code
	permanent = 400 <= status < 500 and status not in (408, 425, 429)
	return GatewayError(f"HTTP {status}: {response.text[:300]}", permanent=permanent)
