"""The doors in: WhatsApp's webhook and the SMS gateway's inbound callback.

/api/method/mitmenschen.outbound.webhooks.whatsapp
- GET (subscription check): answers hub.challenge when hub.verify_token is the configured one;
- POST: refused (403, nothing changed) unless X-Hub-Signature-256 is the HMAC-SHA256 of the raw body
  with the app secret; then statuses update the outbound log and messages land on cases (inbound.py).
  A delivery seen before changes nothing (WhatsApp delivers at least once).
/api/method/mitmenschen.outbound.webhooks.sms?token=…  (from, text): the token from Messaging Settings.
"""

import hashlib
import hmac
import json

import frappe
from frappe import _

from mitmenschen.outbound import consent, inbound, whatsapp

SETTINGS = "Messaging Settings"
MEDIA_KINDS = ("audio", "voice", "image", "video", "document")


class ForgedRequestError(frappe.PermissionError):
	pass


def refuse() -> None:
	frappe.throw(_("Not allowed."), exc=ForgedRequestError)


@frappe.whitelist(allow_guest=True, methods=["GET", "POST"])
def whatsapp_webhook() -> str | None:
	if frappe.request.method == "GET":
		return verify_subscription()
	raw = frappe.request.get_data(cache=True) or b""
	if not whatsapp.signature_valid(raw, frappe.get_request_header("X-Hub-Signature-256")):
		refuse()
	try:
		payload = json.loads(raw)
	except ValueError:
		frappe.throw(_("The request body is not JSON."))
	handle(payload)
	return "ok"


def verify_subscription() -> None:
	form = frappe.form_dict
	expected = frappe.get_cached_doc(SETTINGS).get_password("verify_token", raise_exception=False)
	given = form.get("hub.verify_token") or ""
	if form.get("hub.mode") != "subscribe" or not expected or not hmac.compare_digest(expected, given):
		refuse()
	frappe.response["type"] = "txt"
	frappe.response["doctype"] = "challenge"
	frappe.response["result"] = str(form.get("hub.challenge") or "")


def handle(payload: dict) -> dict[str, int]:
	"""Statuses and messages of one webhook call, as the site's Administrator (the caller is WhatsApp,
	proven by the signature)."""
	counts = {"statuses": 0, "messages": 0}
	user = frappe.session.user
	frappe.set_user("Administrator")
	try:
		for entry in payload.get("entry") or []:
			for change in entry.get("changes") or []:
				value = change.get("value") or {}
				names = {c.get("wa_id"): (c.get("profile") or {}).get("name") for c in value.get("contacts") or []}
				for status in value.get("statuses") or []:
					errors = "; ".join(e.get("title") or e.get("message") or "" for e in status.get("errors") or [])
					counts["statuses"] += inbound.update_status(status.get("id"), status.get("status"), errors or None)
				for message in value.get("messages") or []:
					counts["messages"] += bool(receive_whatsapp(message, names.get(message.get("from"))))
	finally:
		frappe.set_user(user)
	return counts


def receive_whatsapp(message: dict, profile_name: str | None) -> str | None:
	kind = message.get("type")
	text = (message.get("text") or {}).get("body") or ""
	media = None
	if kind in MEDIA_KINDS and (message.get(kind) or {}).get("id"):
		media = {"id": message[kind]["id"], "kind": "voice" if message[kind].get("voice") else kind}
		text = message[kind].get("caption") or ""
	elif kind == "button":
		text = (message.get("button") or {}).get("text") or ""
	return inbound.receive(
		consent.WHATSAPP,
		message.get("from") or "",
		message.get("id") or "",
		text=text,
		media=media,
		profile_name=profile_name,
	)


@frappe.whitelist(allow_guest=True, methods=["GET", "POST"])
def sms(token: str | None = None) -> str:
	"""An inbound SMS as the gateway forwards it (from, text; message id if it gives one)."""
	expected = frappe.get_cached_doc(SETTINGS).get_password("sms_inbound_token", raise_exception=False)
	if not expected or not hmac.compare_digest(expected, token or ""):
		refuse()
	form = frappe.form_dict
	sender = form.get("from") or form.get("sender") or form.get("msisdn") or ""
	text = form.get("text") or form.get("message") or ""
	message_id = form.get("id") or form.get("message_id") or ""
	if not message_id:
		stamp = form.get("timestamp") or frappe.utils.now_datetime().strftime("%Y%m%d%H%M")
		message_id = "sms-" + hashlib.sha256(f"{sender}|{text}|{stamp}".encode()).hexdigest()[:32]
	user = frappe.session.user
	frappe.set_user("Administrator")
	try:
		inbound.receive(consent.SMS, sender, message_id, text=text)
	finally:
		frappe.set_user(user)
	return "ok"
