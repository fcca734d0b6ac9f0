"""Backups are encrypted, always: install and migrate switch Frappe's own encryption on and make sure
the site has a key.

The backups hold the households' personal data (DSGVO Art. 32), and they are copied off the server,
so they must be unreadable without the key. Frappe encrypts with gpg when System Settings
`encrypt_backup` is set, using `backup_encryption_key` from site_config.json (generated here when
missing). The key must also be kept OFF the server: a backup is useless without it.

Frappe's own `new_backup` deletes every file in the backups folder older than `keep_backups_for_hours`
(24 unless set), which would keep a daily schedule's history at one day even when System Settings
"Number of Backups" asks for more; so the age limit is raised unless the operator set one.

Frappe passes the key to gpg unquoted on a command line (`--passphrase <key>`), and its keys are
url-safe base64, which may start with "-": gpg then takes the key for an option, every encryption
fails, and Frappe keeps the files unencrypted (one site in 64). Such a key can never have encrypted a
backup, so it is replaced by one that gpg reads as a value.
"""

import frappe
from cryptography.fernet import Fernet
from frappe.installer import update_site_config
from frappe.utils.backups import BACKUP_ENCRYPTION_CONFIG_KEY, get_or_generate_backup_encryption_key

KEEP_BACKUPS_FOR_HOURS = 24 * 31  # the count (System Settings "Number of Backups") is the limit


def after_migrate() -> None:
	ensure_backup_config()


def ensure_backup_config() -> None:
	"""Encryption on, a key in site_config.json, Frappe's age limit raised; changes only what is missing."""
	if not frappe.db.get_single_value("System Settings", "encrypt_backup", cache=False):
		frappe.db.set_single_value("System Settings", "encrypt_backup", 1)
		frappe.local.system_settings = None  # frappe.get_system_settings keeps the old value per request
	ensure_usable_key()
	if not frappe.conf.get("keep_backups_for_hours"):
		update_site_config("keep_backups_for_hours", KEEP_BACKUPS_FOR_HOURS)


def ensure_usable_key() -> str:
	"""The site's backup key, made (or, when gpg cannot read it, made again) so that Frappe's gpg call works."""
	key = get_or_generate_backup_encryption_key()
	while key.startswith("-"):
		key = Fernet.generate_key().decode()
		update_site_config(BACKUP_ENCRYPTION_CONFIG_KEY, key)
		frappe.local.conf[BACKUP_ENCRYPTION_CONFIG_KEY] = key
	return key
