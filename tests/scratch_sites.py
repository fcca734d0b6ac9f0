"""Sites made and dropped by end-to-end tests: `bench` and `bench execute` from a test, and a copy of
the site under test (Frappe's backup opened with `bench new-site --source-sql`: seconds, where a new
site with ERPNext and its setup wizard takes minutes)."""

import json
import os
import subprocess
from pathlib import Path

BENCH = Path(os.environ.get("MM_BENCH", Path(__file__).resolve().parents[1]))
SITES = BENCH / "sites"
DB_ROOT_PASSWORD = os.environ.get("DB_ROOT_PASSWORD", "mitmenschen")
DB_ROOT = ["--db-root-username", "root", "--db-root-password", DB_ROOT_PASSWORD]
NEW_SITE = [
	*DB_ROOT,
	"--mariadb-user-host-login-scope=%",
	"--admin-password",
	os.environ.get("MM_ADMIN_PASSWORD", "admin"),
]


def bench(*args: str, check: bool = True) -> subprocess.CompletedProcess:
	result = subprocess.run(["bench", *args], cwd=BENCH, capture_output=True, text=True, timeout=900)
	if check:
		# the head of stderr too: `bench execute` hides the first error behind a NameError of its own
		assert result.returncode == 0, (
			f"bench {' '.join(args)}:\n{result.stdout[-2000:]}\n{result.stderr[:3000]}\n…\n{result.stderr[-1000:]}"
		)
	return result


# What `bench --site SITE execute METHOD --kwargs …` does (frappe/commands/utils.py: init, connect, call,
# commit, destroy, the result as JSON), without the bench CLI and the loading of every app's commands:
# 1.3 s instead of 3.8 s of a core a call, and the suites make some 60 calls.
EXECUTE = """
import json, sys
import frappe
from frappe.utils.response import json_handler

frappe.init(site=sys.argv[1])
frappe.connect()
try:
	result = frappe.get_attr(sys.argv[2])(**json.loads(sys.argv[3]))
	frappe.db.commit()
finally:
	frappe.destroy()
print(json.dumps(result, default=json_handler))
"""


def execute(site: str, method: str, **kwargs) -> dict:
	"""Run a method on a site as `bench execute` does; its JSON result (an object)."""
	result = subprocess.run(
		[str(BENCH / "env" / "bin" / "python"), "-c", EXECUTE, site, method, json.dumps(kwargs)],
		cwd=SITES,
		capture_output=True,
		text=True,
		timeout=900,
		check=False,  # the assertion below shows the method's own error
	)
	assert result.returncode == 0, f"{method} on {site}:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}"
	return json.loads(result.stdout[result.stdout.index("{") :])


def site_config(site: str) -> dict:
	return json.loads((SITES / site / "site_config.json").read_text())


def is_gpg(path: Path) -> bool:
	"""OpenPGP data that starts with a symmetric-key packet, as `gpg -c` writes it."""
	first = path.read_bytes()[:1]
	return bool(first) and ((first[0] & 0xFC) == 0x8C or first[0] == 0xC3)


def gpg_decrypt(path: Path, key: str) -> bytes:
	command = [
		"gpg",
		"--batch",
		"--quiet",
		"--pinentry-mode",
		"loopback",
		"--passphrase-fd",
		"0",
		"--decrypt",
	]
	return subprocess.run([*command, str(path)], input=key.encode(), capture_output=True, check=True).stdout


def copy_site(source: str, copy: str, tmp: Path) -> None:
	"""`copy`: a new site holding `source`'s database, ready for tests (as bin/test readies its site)."""
	bench("--site", source, "backup", "--backup-path", str(tmp / "copy"))
	dump = next((tmp / "copy").glob("*-database*.sql.gz"))
	if is_gpg(dump):
		plain = tmp / "copy.sql.gz"
		plain.write_bytes(gpg_decrypt(dump, site_config(source)["backup_encryption_key"]))
		dump = plain
	bench("new-site", copy, "--source-sql", str(dump), *NEW_SITE)
	# allow_tests; the copy holds the users the suites made within the hour, and Frappe allows 60 an hour
	# (as bin/test). Written as `bench set-config` writes them, without two more bench processes.
	config = {**site_config(copy), "allow_tests": True, "throttle_user_limit": 10000}
	(SITES / copy / "site_config.json").write_text(json.dumps(config, indent=1, sort_keys=True))


def drop_site(site: str, tmp: Path) -> None:
	if (SITES / site).exists():
		# check=False: a failed drop must not hide why the test failed (bench says it on stdout)
		bench(
			"drop-site",
			site,
			*DB_ROOT,
			"--no-backup",
			"--force",
			"--archived-sites-path",
			str(tmp / "archived"),
			check=False,
		)
