"""WhatsApp through the WhatsApp Business Cloud API.

- Out: POST {base}/{phone-number-id}/messages. WhatsApp lets a business write free text only within
  24 hours of the person's last message to it; outside that window only an approved template may open
  the conversation. The cooperative approves one template per language (Messaging Settings, default
  "mitmenschen_notice") whose one body parameter is the notice's text.
- In: the webhook (webhooks.py) is signed with the app secret: X-Hub-Signature-256 = "sha256=" +
  HMAC-SHA256(raw body). Media (voice notes, photos) come as ids: GET {base}/{media-id} gives a
  short-lived URL, fetched with the same bearer token.
"""

import hashlib
import hmac
import re
from datetime import timedelta

import frappe
import requests
from frappe.utils import get_datetime, now_datetime

from mitmenschen.outbound.gateways import TIMEOUT_SECONDS, GatewayError, error_of

SETTINGS = "Messaging Settings"
WINDOW = timedelta(hours=24)
# template languages WhatsApp offers that our families read; others get German (the text parameter is
# written in the person's language or German with English anyway)
TEMPLATE_LANGUAGES = {"ar": "ar", "de": "de", "en": "en", "fa": "fa", "prs": "fa", "ru": "ru", "tr": "tr", "uk": "uk"}
TEMPLATE_FALLBACK = "de"
MAX_MEDIA_BYTES = 16 * 1024 * 1024  # WhatsApp's own limit for audio and video


def settings():
	return frappe.get_cached_doc(SETTINGS)


def enabled() -> bool:
	config = settings()
	return bool(config.whatsapp_enabled and config.phone_number_id and config.api_base_url)


def window_open(last_inbound, at=None) -> bool:
	"""Whether the person wrote to us in the last 24 hours (free text allowed)."""
	return bool(last_inbound) and (at or now_datetime()) - get_datetime(last_inbound) < WINDOW


def headers() -> dict:
	return {"Authorization": f"Bearer {settings().get_password('access_token', raise_exception=False) or ''}"}


def template_language(lang: str | None) -> str:
	return TEMPLATE_LANGUAGES.get((lang or "").split("-")[0], TEMPLATE_FALLBACK)


def one_line(text: str) -> str:
	"""Template parameters may hold no newlines, tabs or more than four spaces in a row."""
	return re.sub(r"\s+", " ", text).strip()[:1024]


def message_payload(number: str, text: str, *, lang: str | None, free_text: bool) -> dict:
	payload = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": number.lstrip("+")}
	if free_text:
		payload.update(type="text", text={"preview_url": False, "body": text[:4096]})
	else:
		payload.update(
			type="template",
			template={
				"name": settings().whatsapp_template or "mitmenschen_notice",
				"language": {"code": template_language(lang)},
				"components": [{"type": "body", "parameters": [{"type": "text", "text": one_line(text)}]}],
			},
		)
	return payload


def send(number: str, text: str, *, lang: str | None, free_text: bool) -> str:
	"""Sends; returns WhatsApp's message id (wamid), which the status webhooks name."""
	if not enabled():
		raise GatewayError("WhatsApp is not configured (Messaging Settings).")
	config = settings()
	url = f"{config.api_base_url}/{config.phone_number_id}/messages"
	try:
		response = requests.post(
			url,
			json=message_payload(number, text, lang=lang, free_text=free_text),
			headers=headers(),
			timeout=TIMEOUT_SECONDS,
		)
	except requests.RequestException as error:
		raise GatewayError(str(error)) from error
	if response.status_code >= 400:
		raise error_of(response)
	try:
		return response.json()["messages"][0]["id"]
	except (ValueError, KeyError, IndexError) as error:
		raise GatewayError(f"unexpected answer: {response.text[:300]}") from error


def signature_valid(raw_body: bytes, header: str | None) -> bool:
	secret = settings().get_password("app_secret", raise_exception=False)
	if not (secret and header and header.startswith("sha256=")):
		return False
	expected = hmac.new(secret.encode(), raw_body, hashlib.sha256).hexdigest()
	return hmac.compare_digest(expected, header.removeprefix("sha256="))


def download_media(media_id: str) -> tuple[bytes, str]:
	"""(content, mime type) of an inbound voice note or photo; GatewayError when too large or missing."""
	config = settings()
	try:
		meta = requests.get(f"{config.api_base_url}/{media_id}", headers=headers(), timeout=TIMEOUT_SECONDS)
		if meta.status_code >= 400:
			raise error_of(meta)
		info = meta.json()
		if int(info.get("file_size") or 0) > MAX_MEDIA_BYTES:
			raise GatewayError("media too large", permanent=True)
		media = requests.get(info["url"], headers=headers(), timeout=TIMEOUT_SECONDS, stream=True)
		if media.status_code >= 400:
			raise error_of(media)
		content = b""
		for chunk in media.iter_content(64 * 1024):
			content += chunk
			if len(content) > MAX_MEDIA_BYTES:
				raise GatewayError("media too large", permanent=True)
	except (requests.RequestException, ValueError, KeyError) as error:
		raise GatewayError(str(error)) from error
	return content, (info.get("mime_type") or media.headers.get("Content-Type") or "").split(";")[0].strip()
