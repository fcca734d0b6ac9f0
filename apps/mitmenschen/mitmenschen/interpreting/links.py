"""Signed links for mediators, who have no login: `/d/<offer>/<signature>` for an offered or accepted
appointment, `/t/<translation>/<signature>` for a short written translation.

The signature is an HMAC (SHA-256, the site's encryption key) over the kind, the record and the
mediator, cut to 24 base32 characters so it can be typed from a phone's screen. It is checked before
anything about the record is read or told; what a valid link may still do (answer, cancel, look) is
decided by the record's state, so an answered, taken or past link shows a page with no data.
"""

import base64
import hashlib
import hmac

from frappe.utils import get_url
from frappe.utils.password import get_encryption_key

OFFER, TRANSLATION = "offer", "translation"
ROUTES = {OFFER: "d", TRANSLATION: "t"}
MAX_NAME, MAX_SIG = 140, 64


def signature(kind: str, name: str, mediator: str) -> str:
	message = f"mitmenschen-interpreting|{kind}|{name}|{mediator}".encode()
	digest = hmac.new(get_encryption_key().encode(), message, hashlib.sha256).digest()
	return base64.b32encode(digest).decode().lower().rstrip("=")[:24]


def url(kind: str, name: str, mediator: str) -> str:
	return get_url(f"/{ROUTES[kind]}/{name}/{signature(kind, name, mediator)}")


def plausible(name: str | None, sig: str | None) -> bool:
	return bool(name and sig and len(name) <= MAX_NAME and len(sig) <= MAX_SIG)


def matches(kind: str, name: str, mediator: str | None, sig: str) -> bool:
	if not mediator:
		return False
	return hmac.compare_digest(signature(kind, name, mediator), (sig or "").strip().lower())
