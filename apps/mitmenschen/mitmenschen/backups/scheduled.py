"""The scheduled backup: Frappe's own backup of database and files, encrypted, the newest N kept.

Frappe 15 schedules no local backup (`bench setup backups` writes a crontab, and these servers have
none), so an hourly job of ours takes one when the newest backup in the site's backups folder is older
than `mitmenschen_backup_interval_hours` (site config; 24 unless set, 0 switches the schedule off). It
runs Frappe's `new_backup` with files, so a set is exactly what `bench backup --with-files` writes and
`bench restore` reads. Then it

- checks that database and files really are gpg-encrypted: when gpg fails, Frappe prints a warning and
  keeps the plain file under its "-enc" name; such a set is deleted and the job fails;
- encrypts the copy of site_config.json with the same key: Frappe leaves it plain, yet it holds the
  backup key itself, the database password and the key of the site's stored passwords (the hourly run
  also encrypts the copies that a `bench backup` by hand left plain);
- keeps the newest System Settings "Number of Backups" sets (Frappe's own clean-up, which otherwise
  waits for its next hourly run).
"""

import shutil
import subprocess
import time
from pathlib import Path

import frappe
from frappe import _
from frappe.desk.page.backups.backups import delete_downloadable_backups
from frappe.utils import cint, flt
from frappe.utils.backups import get_backup_path, get_or_generate_backup_encryption_key, new_backup

from mitmenschen.backups.setup import ensure_backup_config

INTERVAL_CONFIG_KEY = "mitmenschen_backup_interval_hours"
DEFAULT_INTERVAL_HOURS = 24
EARLY_HOURS = 0.5  # the job runs about once an hour: a backup due within the next half hour is taken now


def run() -> dict[str, str] | None:
	"""The hourly job: a backup set when one is due (its paths), else None."""
	encrypt_plain_config_copies()
	interval = interval_hours()
	if interval <= 0 or not is_due(newest_backup_at(), time.time(), interval):
		return None
	return take_backup()


def interval_hours() -> float:
	value = frappe.conf.get(INTERVAL_CONFIG_KEY)
	return DEFAULT_INTERVAL_HOURS if value is None else flt(value)


def is_due(newest_at: float | None, now: float, interval: float) -> bool:
	"""Due when there is no backup yet, or the newest (epoch seconds) is `interval` hours old, less a little."""
	return newest_at is None or now - newest_at >= (interval - EARLY_HOURS) * 3600


def newest_backup_at() -> float | None:
	"""When the newest database backup in the folder was written (a backup by hand counts too)."""
	times = [path.stat().st_mtime for path in backup_folder().glob("*-database*.sql.gz")]
	return max(times, default=None)


def backup_folder() -> Path:
	return Path(get_backup_path())


def take_backup() -> dict[str, str]:
	"""One encrypted set of database, public and private files and site config; the newest N kept."""
	if not shutil.which("gpg"):
		frappe.throw(_("Backups are encrypted with gpg, which is not installed on this server."))
	ensure_backup_config()
	backup = new_backup(ignore_files=False, force=True)
	files = {
		"database": backup.backup_path_db,
		"public": backup.backup_path_files,
		"private": backup.backup_path_private_files,
		"config": backup.backup_path_conf,
	}
	plain = [name for name in ("database", "public", "private") if not is_encrypted(Path(files[name]))]
	if plain:
		for path in files.values():
			Path(path).unlink(missing_ok=True)
		frappe.throw(
			_("The backup was not encrypted ({0}) and has been deleted. Check gpg on this server.").format(
				", ".join(plain)
			)
		)
	encrypt_file(Path(files["config"]), get_or_generate_backup_encryption_key())
	if cint(frappe.get_system_settings("backup_limit")) > 0:
		delete_downloadable_backups()
	return files


def is_encrypted(path: Path) -> bool:
	"""An OpenPGP file that starts with a symmetric-key packet (tag 3), as `gpg -c` writes it."""
	with path.open("rb") as file:
		first = file.read(1)
	return bool(first) and ((first[0] & 0xFC) == 0x8C or first[0] == 0xC3)


def encrypt_file(path: Path, passphrase: str) -> None:
	"""Encrypt in place with gpg, like Frappe's own files (AES256); the passphrase on stdin, not in `ps`."""
	encrypted = path.with_name(path.name + ".gpg")
	subprocess.run(
		[
			"gpg",
			"--batch",
			"--yes",
			"--quiet",
			"--pinentry-mode",
			"loopback",
			"--passphrase-fd",
			"0",
			"--symmetric",
			"--cipher-algo",
			"AES256",
			"--output",
			str(encrypted),
			str(path),
		],
		input=passphrase,
		text=True,
		check=True,
		capture_output=True,
	)
	encrypted.replace(path)


def encrypt_plain_config_copies() -> None:
	"""A `bench backup` by hand leaves its copy of site_config.json (with the keys) readable: encrypt it."""
	if not shutil.which("gpg"):
		return
	copies = [path for path in backup_folder().glob("*-site_config_backup*.json") if not is_encrypted(path)]
	if copies:
		key = get_or_generate_backup_encryption_key()
		for path in copies:
			encrypt_file(path, key)
