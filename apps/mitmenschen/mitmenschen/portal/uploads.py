"""Files people send through the portal: limited in size and type, checked by content, stored
private and attached to the record they belong to."""

import re

import filetype
import frappe
from frappe import _

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_FILES_PER_REQUEST = 5
# extension -> how its content must start; a renamed .exe does not pass as a photo
SIGNATURES: dict[str, tuple[bytes, ...]] = {
	"jpg": (b"\xff\xd8\xff",),
	"jpeg": (b"\xff\xd8\xff",),
	"png": (b"\x89PNG\r\n\x1a\n",),
	"gif": (b"GIF87a", b"GIF89a"),
	"webp": (b"RIFF",),
	"pdf": (b"%PDF-",),
}
IMAGE_EXTENSIONS = frozenset({"jpg", "jpeg", "png", "gif", "webp"})
# Markup a browser or server would run: a photo that is also a web page (a polyglot) is refused, whatever
# its header. Long markers only, so that the random bytes of a compressed photo practically never match.
ACTIVE_CONTENT = re.compile(
	rb"<(script|html|body|iframe|object|embed)[\s>/]|<\?php\s|javascript:", re.IGNORECASE
)


# A voice message recorded in the browser (MediaRecorder: WebM/Opus in Chromium and Firefox, MP4/AAC in
# Safari) or sent from a phone; ten minutes of speech fit in well under this.
MAX_VOICE_BYTES = 10 * 1024 * 1024
VOICE_EXTENSIONS = frozenset({"webm", "ogg", "oga", "opus", "m4a", "mp4", "mp3", "aac", "wav"})
# what the content must be (filetype reads the header): audio of any kind, or the WebM/MP4 containers
# browsers record audio into (filetype names them by their video type)
VOICE_CONTAINERS = frozenset({"video/webm", "video/mp4", "audio/mp4", "video/quicktime"})


class UploadError(frappe.ValidationError):
	pass


def validate_upload(filename: str, content: bytes, allowed: frozenset[str] | set[str]) -> str:
	"""The file's extension if it is acceptable; otherwise an error the user can act on."""
	extension = (filename or "").rsplit(".", 1)[-1].lower() if "." in (filename or "") else ""
	if extension not in allowed:
		frappe.throw(
			_("{0}: this file type is not accepted. Allowed: {1}.").format(
				filename or _("File"), ", ".join(sorted(allowed))
			),
			title=_("Upload"),
			exc=UploadError,
		)
	if not content:
		frappe.throw(_("{0} is empty.").format(filename), title=_("Upload"), exc=UploadError)
	if len(content) > MAX_UPLOAD_BYTES:
		frappe.throw(
			_("{0} is too large: at most {1} MB per file.").format(
				filename, MAX_UPLOAD_BYTES // (1024 * 1024)
			),
			title=_("Upload"),
			exc=UploadError,
		)
	signature_ok = any(content.startswith(sig) for sig in SIGNATURES[extension])
	if extension == "webp":
		signature_ok = signature_ok and content[8:12] == b"WEBP"
	if not signature_ok:
		frappe.throw(
			_("{0} does not contain what its name says.").format(filename), title=_("Upload"), exc=UploadError
		)
	if ACTIVE_CONTENT.search(content):
		frappe.throw(
			_("{0} contains program code and is not accepted.").format(filename),
			title=_("Upload"),
			exc=UploadError,
		)
	return extension


def read_voice_message(files: list) -> tuple[str, bytes] | None:
	"""The one voice message of a report, checked by size and by content before anything is saved."""
	if not files:
		return None
	if len(files) > 1:
		frappe.throw(_("Please send one voice message at a time."), title=_("Upload"), exc=UploadError)
	storage = files[0]
	content = storage.stream.read(MAX_VOICE_BYTES + 1)
	name = storage.filename or "voice-message"
	if len(content) > MAX_VOICE_BYTES:
		frappe.throw(
			_("The voice message is too long: at most {0} MB. Please record a shorter one.").format(
				MAX_VOICE_BYTES // (1024 * 1024)
			),
			title=_("Upload"),
			exc=UploadError,
		)
	kind = filetype.guess(content) if content else None
	if not kind or not (kind.mime.startswith("audio/") or kind.mime in VOICE_CONTAINERS):
		frappe.throw(
			_("{0} is not a voice message. Please record one with the button or send an audio file.").format(
				name
			),
			title=_("Upload"),
			exc=UploadError,
		)
	extension = kind.extension if kind.extension in VOICE_EXTENSIONS else "webm"
	return f"voice-message.{extension}", content


def request_files(field: str = "file") -> list:
	"""Uploaded files of the current multipart request (werkzeug FileStorage objects)."""
	request = getattr(frappe.local, "request", None)
	if not request or not getattr(request, "files", None):
		return []
	files = [f for f in request.files.getlist(field) if f and f.filename]
	if len(files) > MAX_FILES_PER_REQUEST:
		frappe.throw(
			_("Please send at most {0} files at once.").format(MAX_FILES_PER_REQUEST),
			title=_("Upload"),
			exc=UploadError,
		)
	return files


def read_and_validate(files: list, allowed: frozenset[str] | set[str]) -> list[tuple[str, bytes]]:
	"""Validate every file before anything is saved, so a bad third photo stores none."""
	checked = []
	for storage in files:
		content = storage.stream.read(MAX_UPLOAD_BYTES + 1)
		validate_upload(storage.filename, content, allowed)
		checked.append((storage.filename, content))
	return checked


def attach(doctype: str, name: str, filename: str, content: bytes) -> str:
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": filename,
			"attached_to_doctype": doctype,
			"attached_to_name": name,
			"is_private": 1,
			"content": content,
		}
	)
	file.flags.ignore_permissions = True
	file.insert()
	return file.name
