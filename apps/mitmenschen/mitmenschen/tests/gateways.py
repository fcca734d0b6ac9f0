"""Real HTTP servers on loopback that speak what the outside services speak, and record what they get:

- `SMSGateway`: a typical HTTP SMS gateway as Frappe's SMS Settings call it (GET query or POST form or
  JSON with the receiver and message parameters); `down = True` answers 503 like an outage.
- `CloudAPI`: the WhatsApp Business Cloud API: POST /{version}/{phone-number-id}/messages answers a
  wamid; GET /{version}/{media-id} answers the media's URL, which serves the bytes (bearer token
  required, like the real one).
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import frappe

HOST = "127.0.0.1"


class Recorder(ThreadingHTTPServer):
	daemon_threads = True
	allow_reuse_address = True

	def __init__(self, port: int, handler) -> None:
		super().__init__((HOST, port), handler)
		self.requests: list[dict] = []
		self.down = False
		self.lock = threading.Lock()
		self.thread: threading.Thread | None = None

	@property
	def url(self) -> str:
		return f"http://{HOST}:{self.server_address[1]}"

	def start(self):
		self.thread = threading.Thread(target=self.serve_forever, daemon=True)
		self.thread.start()
		return self

	def stop(self) -> None:
		self.shutdown()
		self.server_close()

	def record(self, entry: dict) -> None:
		with self.lock:
			self.requests.append(entry)

	def clear(self) -> None:
		with self.lock:
			self.requests.clear()


class Handler(BaseHTTPRequestHandler):
	server: Recorder

	def log_message(self, *args) -> None:  # quiet
		pass

	def body(self) -> bytes:
		return self.rfile.read(int(self.headers.get("Content-Length") or 0))

	def answer(self, status: int, payload: bytes | dict | str, content_type: str = "application/json") -> None:
		if isinstance(payload, dict):
			payload = json.dumps(payload).encode()
		elif isinstance(payload, str):
			payload = payload.encode()
		self.send_response(status)
		self.send_header("Content-Type", content_type)
		self.send_header("Content-Length", str(len(payload)))
		self.end_headers()
		self.wfile.write(payload)


class SMSHandler(Handler):
	def do_GET(self) -> None:
		self.handle_sms({k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()})

	def do_POST(self) -> None:
		raw = self.body()
		if (self.headers.get("Content-Type") or "").startswith("application/json"):
			params = json.loads(raw or b"{}")
		else:
			params = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
		self.handle_sms(params)

	def handle_sms(self, params: dict) -> None:
		delivered = not self.server.down
		self.server.record({"params": params, "headers": dict(self.headers), "delivered": delivered})
		if delivered:
			self.answer(200, "OK: queued", "text/plain")
		else:
			self.answer(503, "Service Unavailable", "text/plain")


class SMSGateway(Recorder):
	def __init__(self, port: int) -> None:
		super().__init__(port, SMSHandler)

	def delivered(self, receiver_parameter: str = "to") -> list[dict]:
		return [r["params"] for r in self.requests if r["delivered"]]


class CloudHandler(Handler):
	def authorised(self) -> bool:
		if self.headers.get("Authorization") != f"Bearer {self.server.token}":
			self.answer(401, {"error": {"message": "Invalid OAuth access token", "code": 190}})
			return False
		return True

	def do_POST(self) -> None:
		raw = self.body()
		if not self.authorised():
			return
		if self.server.down:
			self.server.record({"path": self.path, "json": json.loads(raw or b"{}"), "delivered": False})
			self.answer(500, {"error": {"message": "Service temporarily unavailable", "code": 2}})
			return
		payload = json.loads(raw or b"{}")
		with self.server.lock:
			self.server.counter += 1
			wamid = f"wamid.TEST{self.server.counter:08d}"
		self.server.record({"path": self.path, "json": payload, "delivered": True, "wamid": wamid})
		self.answer(
			200,
			{
				"messaging_product": "whatsapp",
				"contacts": [{"input": payload.get("to"), "wa_id": payload.get("to")}],
				"messages": [{"id": wamid}],
			},
		)

	def do_GET(self) -> None:
		if not self.authorised():
			return
		path = urlparse(self.path).path
		if path.startswith("/media/"):
			media_id = path.removeprefix("/media/")
			content, mime = self.server.media[media_id]
			self.answer(200, content, mime)
			return
		media_id = path.rsplit("/", 1)[-1]
		if media_id not in self.server.media:
			self.answer(404, {"error": {"message": "Unsupported get request", "code": 100}})
			return
		content, mime = self.server.media[media_id]
		self.answer(
			200,
			{
				"messaging_product": "whatsapp",
				"url": f"{self.server.url}/media/{media_id}",
				"mime_type": mime,
				"file_size": len(content),
				"id": media_id,
			},
		)


class CloudAPI(Recorder):
	def __init__(self, port: int, token: str = "test-token") -> None:
		super().__init__(port, CloudHandler)
		self.token = token
		self.counter = 0
		self.media: dict[str, tuple[bytes, str]] = {}

	def sent(self) -> list[dict]:
		return [r["json"] for r in self.requests if r.get("delivered")]


def configure_sms(gateway: SMSGateway) -> None:
	"""Frappe's SMS Settings pointed at the loopback gateway (POST form, an API key parameter)."""
	settings = frappe.get_single("SMS Settings")
	settings.sms_gateway_url = f"{gateway.url}/send"
	settings.message_parameter = "text"
	settings.receiver_parameter = "to"
	settings.use_post = 1
	settings.set("parameters", [{"parameter": "api_key", "value": "k-123", "header": 0}])
	settings.save(ignore_permissions=True)


def configure_whatsapp(api: CloudAPI, *, secret: str = "app-secret", verify_token: str = "verify-me") -> None:
	settings = frappe.get_single("Messaging Settings")
	settings.update(
		{
			"whatsapp_enabled": 1,
			"api_base_url": f"{api.url}/v19.0",
			"phone_number_id": "106540352242922",
			"access_token": api.token,
			"app_secret": secret,
			"verify_token": verify_token,
			"sms_inbound_token": "sms-inbound-token",
			"whatsapp_template": "mitmenschen_notice",
			"default_region": "DE",
			"max_attempts": 5,
		}
	)
	settings.save(ignore_permissions=True)
