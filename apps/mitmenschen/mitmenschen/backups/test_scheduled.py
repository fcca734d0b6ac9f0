"""The scheduled backup's rules: when one is due, what counts as encrypted, the config copy encrypted.

The whole backup → restore round trip runs end to end in tests/test_backup_restore.py.
"""

import json
import subprocess
import time
from pathlib import Path

import frappe
from frappe.installer import update_site_config
from frappe.tests.utils import FrappeTestCase
from frappe.utils.backups import get_or_generate_backup_encryption_key

from mitmenschen.backups.scheduled import (
	INTERVAL_CONFIG_KEY,
	backup_folder,
	encrypt_file,
	encrypt_plain_config_copies,
	interval_hours,
	is_due,
	is_encrypted,
	take_backup,
)
from mitmenschen.backups.setup import ensure_backup_config

HOUR = 3600.0


def gpg_decrypt(path: Path, key: str) -> bytes:
	return subprocess.run(
		["gpg", "--batch", "--quiet", "--pinentry-mode", "loopback", "--passphrase-fd", "0", "-d", str(path)],
		input=key.encode(),
		capture_output=True,
		check=True,
	).stdout


class TestBackupSchedule(FrappeTestCase):
	def test_due_without_any_backup(self):
		self.assertTrue(is_due(None, 1_000_000.0, 24))

	def test_due_after_the_interval_less_half_an_hour(self):
		newest = 1_000_000.0
		self.assertFalse(is_due(newest, newest + 23 * HOUR, 24))
		self.assertFalse(is_due(newest, newest + 23.4 * HOUR, 24))
		self.assertTrue(is_due(newest, newest + 23.5 * HOUR, 24))
		self.assertTrue(is_due(newest, newest + 30 * HOUR, 24))
		self.assertTrue(is_due(newest, newest + 6 * HOUR, 6))

	def test_interval_from_site_config_and_zero_switches_off(self):
		self.assertNotIn(INTERVAL_CONFIG_KEY, frappe.conf)
		self.assertEqual(interval_hours(), 24)
		try:
			frappe.conf[INTERVAL_CONFIG_KEY] = 6
			self.assertEqual(interval_hours(), 6)
			frappe.conf[INTERVAL_CONFIG_KEY] = 0
			self.assertEqual(interval_hours(), 0)
		finally:
			frappe.conf.pop(INTERVAL_CONFIG_KEY, None)


BAD_KEY = "-pIY72szqamgShAHfgJ6nbQckczYhkQcO0OfoWPpen4="  # a key Frappe generated on a test site


class TestBackupEncryption(FrappeTestCase):
	def test_migrate_switches_encryption_on_and_makes_a_key(self):
		frappe.db.set_single_value("System Settings", "encrypt_backup", 0)
		frappe.local.system_settings = None
		ensure_backup_config()
		self.assertEqual(frappe.get_system_settings("encrypt_backup"), 1)
		config = json.loads(Path(frappe.get_site_path("site_config.json")).read_text())
		self.assertTrue(config["backup_encryption_key"])
		self.assertGreaterEqual(config["keep_backups_for_hours"], 24 * 7)

	def test_a_key_that_gpg_reads_as_an_option_is_replaced(self):
		"""Frappe's keys may start with "-"; its unquoted `gpg --passphrase <key>` then fails on every file."""
		original = get_or_generate_backup_encryption_key()
		try:
			update_site_config("backup_encryption_key", BAD_KEY)
			frappe.local.conf["backup_encryption_key"] = BAD_KEY
			ensure_backup_config()
			key = json.loads(Path(frappe.get_site_path("site_config.json")).read_text())[
				"backup_encryption_key"
			]
			self.assertNotEqual(key, BAD_KEY)
			self.assertFalse(key.startswith("-"))
			self.assertEqual(get_or_generate_backup_encryption_key(), key)
			plain = Path(frappe.get_site_path("private", "files", f"gpg-check-{time.time_ns()}.txt"))
			plain.write_text("Einwilligung")
			try:  # the command line of Frappe's BackupGenerator.backup_encryption
				frappe.utils.execute_in_shell(
					f"gpg --yes --passphrase {key} --pinentry-mode loopback -c {plain}"
				)
				self.assertTrue(is_encrypted(Path(f"{plain}.gpg")))
			finally:
				plain.unlink(missing_ok=True)
				Path(f"{plain}.gpg").unlink(missing_ok=True)
		finally:
			if not original.startswith("-"):
				update_site_config("backup_encryption_key", original)
				frappe.local.conf["backup_encryption_key"] = original

	def test_plain_gzip_tar_and_json_are_not_encrypted(self):
		folder = Path(frappe.get_site_path("private", "files"))
		for name, content in {"a.sql.gz": b"\x1f\x8b\x08", "b.json": b'{"db_name": 1}', "c.txt": b""}.items():
			path = folder / f"backup-test-{name}"
			path.write_bytes(content)
			try:
				self.assertFalse(is_encrypted(path), name)
			finally:
				path.unlink()

	def test_encrypt_file_writes_gpg_that_the_key_opens(self):
		path = Path(frappe.get_site_path("private", "files", "backup-test-secret.json"))
		path.write_text('{"backup_encryption_key": "geheim"}')
		try:
			encrypt_file(path, "der-schluessel")
			self.assertTrue(is_encrypted(path))
			self.assertNotIn(b"geheim", path.read_bytes())
			self.assertEqual(
				json.loads(gpg_decrypt(path, "der-schluessel")), {"backup_encryption_key": "geheim"}
			)
			with self.assertRaises(subprocess.CalledProcessError):
				gpg_decrypt(path, "ein-anderer-schluessel")
		finally:
			path.unlink()

	def test_a_plain_config_copy_of_a_backup_by_hand_gets_encrypted(self):
		folder = backup_folder()
		folder.mkdir(parents=True, exist_ok=True)
		copy = folder / "20000101_000000-backup_test-site_config_backup-enc.json"
		copy.write_text('{"db_password": "geheim"}')
		try:
			encrypt_plain_config_copies()
			self.assertTrue(is_encrypted(copy))
			key = get_or_generate_backup_encryption_key()
			self.assertEqual(json.loads(gpg_decrypt(copy, key)), {"db_password": "geheim"})
			before = copy.read_bytes()
			encrypt_plain_config_copies()  # an encrypted copy stays as it is
			self.assertEqual(copy.read_bytes(), before)
		finally:
			copy.unlink()


class TestBackupSet(FrappeTestCase):
	def test_a_set_is_four_encrypted_files_and_only_the_newest_n_stay(self):
		"""Two older sets (made first, so older), "Number of Backups" 2: the oldest goes, all of it
		(so do the test site's own older backups)."""
		folder = backup_folder()
		folder.mkdir(parents=True, exist_ok=True)
		slug = frappe.local.site.replace(".", "_")
		kinds = (
			"database-enc.sql.gz",
			"files-enc.tar",
			"private-files-enc.tar",
			"site_config_backup-enc.json",
		)
		older = {
			stamp: [folder / f"{stamp}-{slug}-{kind}" for kind in kinds]
			for stamp in ("20000101_000000", "20000102_000000")
		}
		made: list[Path] = []
		limit = frappe.db.get_single_value("System Settings", "backup_limit")
		try:
			for paths in older.values():
				for path in paths:
					path.write_bytes(b"\x8c\x0d")
				time.sleep(1.1)  # Frappe orders sets by the files' ctime
			frappe.db.set_single_value("System Settings", "backup_limit", 2)
			frappe.local.system_settings = None
			files = take_backup()
			made = [Path(path) for path in files.values()]
			self.assertEqual(sorted(files), ["config", "database", "private", "public"])
			for kind, path in files.items():
				self.assertTrue(is_encrypted(Path(path)), kind)
			self.assertTrue(all(path.exists() for path in older["20000102_000000"]))
			self.assertFalse(any(path.exists() for path in older["20000101_000000"]))
		finally:
			frappe.db.set_single_value("System Settings", "backup_limit", limit)
			frappe.local.system_settings = None
			for path in [*made, *older["20000101_000000"], *older["20000102_000000"]]:
				path.unlink(missing_ok=True)
