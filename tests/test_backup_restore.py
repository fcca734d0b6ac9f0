"""Backups restore: the demo data, backed up by the scheduled job, comes back whole on a fresh site.

The source is a scratch site, not the site under test: the demo data there would change what the other
suites count. It starts as a copy of the site under test's database (Frappe's backup of it, opened with
`bench new-site --source-sql`: seconds, where a new site with ERPNext and its setup wizard takes
minutes); the demo data is loaded on it and a signed consent form attached as a private file. Its
backup is the scheduled job's own (`mitmenschen.backups.scheduled.run`, encrypted with the key in its
site_config.json). The target is what an operator makes on a fresh server: `bench new-site` (Frappe
only), then `bench restore` with both file archives and the key — first without the key, which must
fail and leave the site as it was. Both sites are dropped afterwards.
"""

import gzip
import hashlib
import json
import os
import random
import subprocess
import tarfile
import time
import uuid
from pathlib import Path
from types import SimpleNamespace

import pytest
from scratch_sites import (
	BENCH,
	DB_ROOT,
	NEW_SITE,
	SITES,
	bench,
	copy_site,
	drop_site,
	execute,
	gpg_decrypt,
	is_gpg,
	site_config,
)

MM_SITE = os.environ.get("MM_SITE", "test.localhost")
TAG = uuid.uuid4().hex[:6]
SOURCE = f"backup-src-{TAG}.localhost"
TARGET = f"restore-check-{TAG}.localhost"
ARTIFACTS = Path(__file__).parent / "artifacts"


def signed_consent_form() -> bytes:
	"""A valid one-page PDF (Frappe checks uploaded PDFs) around 256 KiB of noise, like a scan."""
	scan = random.Random(14).randbytes(256 * 1024)
	objects = [
		b"<< /Type /Catalog /Pages 2 0 R >>",
		b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
		b"<< /Length %d >>\nstream\n%b\nendstream" % (len(scan), scan),
	]
	pdf, offsets = b"%PDF-1.4\n", []
	for number, body in enumerate(objects, start=1):
		offsets.append(len(pdf))
		pdf += b"%d 0 obj\n%b\nendobj\n" % (number, body)
	xref = len(pdf)
	pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
	pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
	return pdf + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


CONSENT_FORM = signed_consent_form()


def app_doctypes_on_disk() -> list[str]:
	"""The app's doctypes with a table (not single, not virtual), read from their JSON files."""
	names = []
	for path in (BENCH / "apps" / "mitmenschen" / "mitmenschen").glob("*/doctype/*/*.json"):
		meta = json.loads(path.read_text())
		if path.stem == path.parent.name and meta.get("doctype") == "DocType":
			if not meta.get("issingle") and not meta.get("is_virtual"):
				names.append(meta["name"])
	return sorted(names)


def sha256(data: bytes) -> str:
	return hashlib.sha256(data).hexdigest()


def restore(*extra: str) -> subprocess.CompletedProcess:
	return bench(
		"--site", TARGET, "restore", str(WORLD.files["database"]),
		"--with-public-files", str(WORLD.files["public"]),
		"--with-private-files", str(WORLD.files["private"]),
		*DB_ROOT, *extra, check=False,
	)  # fmt: skip


WORLD = SimpleNamespace()


@pytest.fixture(scope="module")
def world(tmp_path_factory):
	tmp = tmp_path_factory.mktemp("backup")
	times: dict[str, float] = {}
	started = time.monotonic()
	target = None

	def lap(step: str) -> None:
		times[step] = round(time.monotonic() - started - sum(times.values()), 1)

	try:
		# the source: a copy of the site under test's database, with the demo cooperative
		copy_site(MM_SITE, SOURCE, tmp)
		lap("source site (copy of the test site)")
		# the fresh target, made meanwhile: Frappe only, as on a new server
		target_log = tmp / "target.log"
		with target_log.open("w") as log:
			target = subprocess.Popen(
				["bench", "new-site", TARGET, *NEW_SITE],
				cwd=BENCH,
				stdout=log,
				stderr=log,
			)
		bench("--site", SOURCE, "execute", "mitmenschen.demo.loader.load")
		lap("demo data")
		form = tmp / "einwilligung.pdf"
		form.write_bytes(CONSENT_FORM)
		WORLD.attached = execute(SOURCE, "mitmenschen.tests.backup_world.attach_consent_form", path=str(form))
		WORLD.before = execute(SOURCE, "mitmenschen.tests.backup_world.snapshot")
		WORLD.files = {
			kind: SITES / path for kind, path in execute(SOURCE, "mitmenschen.backups.scheduled.run").items()
		}
		WORLD.key = site_config(SOURCE)["backup_encryption_key"]
		lap("scheduled backup")
		assert target.wait(timeout=900) == 0, target_log.read_text()[-2000:]
		lap("fresh target site (waiting for it)")

		digests = {kind: sha256(path.read_bytes()) for kind, path in WORLD.files.items()}
		WORLD.without_key = restore()
		WORLD.apps_after_refusal = bench("--site", TARGET, "list-apps").stdout
		WORLD.files_unchanged = digests == {
			kind: sha256(path.read_bytes()) for kind, path in WORLD.files.items()
		}
		lap("restore without the key")
		WORLD.with_key = restore("--encryption-key", WORLD.key)
		assert WORLD.with_key.returncode == 0, WORLD.with_key.stdout[-2000:] + WORLD.with_key.stderr[-2000:]
		lap("restore with the key")
		bench("--site", TARGET, "set-config", "allow_tests", "true")
		WORLD.after = execute(TARGET, "mitmenschen.tests.backup_world.snapshot")
		lap("snapshot of the restored site")
		yield WORLD
	finally:
		if target and target.poll() is None:
			target.kill()
			target.wait()
		for site in (TARGET, SOURCE):
			drop_site(site, tmp)
		lap("drop both sites")
		ARTIFACTS.mkdir(exist_ok=True)
		(ARTIFACTS / "backup_restore_times.json").write_text(json.dumps(times, indent=1))


def test_every_backup_file_is_encrypted_and_opens_with_the_key(world):
	assert set(world.files) == {"database", "public", "private", "config"}
	for kind, path in world.files.items():
		raw = path.read_bytes()
		assert is_gpg(path), kind
		assert world.before["household"].encode() not in raw, kind
		with pytest.raises((OSError, EOFError)):
			gzip.decompress(raw)
		with pytest.raises(tarfile.ReadError):
			tarfile.open(path).close()
	with pytest.raises(ValueError):
		json.loads(world.files["config"].read_bytes())

	sql = gzip.decompress(gpg_decrypt(world.files["database"], world.key))
	assert world.before["household"].encode() in sql
	assert b"einwilligung-unterschrieben" in sql
	# the copy of site_config.json holds the key itself: it is why Frappe's plain copy is encrypted too
	assert json.loads(gpg_decrypt(world.files["config"], world.key))["backup_encryption_key"] == world.key


def test_restore_without_the_key_fails_and_changes_nothing(world):
	assert world.without_key.returncode != 0
	assert "Decryption failed. Please provide a valid key" in world.without_key.stdout
	assert "mitmenschen" not in world.apps_after_refusal  # still the fresh Frappe-only site
	assert world.files_unchanged


def test_restored_site_has_every_app_doctype_with_the_same_count(world):
	counts = world.after["counts"]
	assert counts == world.before["counts"]
	assert sorted(counts) == app_doctypes_on_disk()  # every one, child tables included
	assert counts["Refugee Household"] >= 10
	assert counts["Mediation Case"] >= 30
	assert counts["Partner Organisation"] >= 12
	assert counts["Household Consent"] >= 1


def test_private_attachment_comes_back_byte_for_byte(world):
	url = world.attached["file_url"]
	assert url.startswith("/private/files/")
	assert world.after["attachments"] == {url: sha256(CONSENT_FORM)}
	restored = SITES / TARGET / "private" / "files" / url.removeprefix("/private/files/")
	assert restored.is_file()
	assert restored.read_bytes() == CONSENT_FORM


def test_household_consent_rows_are_the_same(world):
	assert world.after["household"] == world.attached["household"]
	assert world.after["consents"] == world.before["consents"]
	assert len(world.after["consents"]) >= 1
	assert world.after["consents"][0]["attachment"] == world.attached["file_url"]
