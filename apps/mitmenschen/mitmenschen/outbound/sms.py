"""SMS through Frappe's own SMS Settings: any HTTP gateway the cooperative contracts (URL, the
receiver's and the message's parameter names, static parameters and headers, GET or POST). Frappe's
`send_sms` raises on a gateway error, which is what a retry needs; it writes an SMS Log on success."""

import frappe
import requests
from frappe import _
from frappe.core.doctype.sms_settings.sms_settings import send_sms

from mitmenschen.outbound.gateways import GatewayError


def configured() -> bool:
	return bool(frappe.db.get_single_value("SMS Settings", "sms_gateway_url"))


def send(number: str, text: str) -> None:
	if not configured():
		raise GatewayError(_("SMS Settings have no gateway URL."))
	try:
		send_sms([number], text, success_msg=False)
	except requests.HTTPError as error:
		status = error.response.status_code if error.response is not None else 0
		raise GatewayError(f"HTTP {status}", permanent=400 <= status < 500 and status not in (408, 429)) from error
	except requests.RequestException as error:
		raise GatewayError(str(error)) from error
