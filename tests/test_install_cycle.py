"""The app installs onto a site with ERPNext, uninstalls without leftovers and installs again.

Works on a scratch site of its own (created and dropped here) so the test site stays intact. The scratch
site starts as Frappe and ERPNext freshly installed: bin/test's database of that state (MM_ERPNEXT_SQL,
made when it installed ERPNext on its test site) when there is one, else `bench new-site --install-app
erpnext`.
"""

import json
import os
import subprocess
import uuid
from pathlib import Path

import pytest

BENCH = Path(os.environ.get("MM_BENCH", Path(__file__).resolve().parents[1]))
DB_ROOT_PASSWORD = os.environ.get("DB_ROOT_PASSWORD", "mitmenschen")
SITE = f"cycle-{uuid.uuid4().hex[:6]}.localhost"
ERPNEXT_SQL = os.environ.get("MM_ERPNEXT_SQL")


def bench(*args: str) -> str:
	result = subprocess.run(["bench", *args], cwd=BENCH, capture_output=True, text=True, timeout=900)
	assert result.returncode == 0, (
		f"bench {' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
	)
	return result.stdout


def query(sql: str):
	"""Run one read-only SQL query on the scratch site's database and return the first value."""
	import pymysql

	config = json.loads((BENCH / "sites" / SITE / "site_config.json").read_text())
	common = json.loads((BENCH / "sites" / "common_site_config.json").read_text())
	connection = pymysql.connect(
		host=config.get("db_host", common.get("db_host", "127.0.0.1")),
		port=int(config.get("db_port", common.get("db_port", 3306))),
		user=config["db_name"],
		password=config["db_password"],
		database=config["db_name"],
	)
	with connection, connection.cursor() as cursor:
		cursor.execute(sql)
		return cursor.fetchone()[0]


# the app's modules, as Frappe reads them on install
MODULES = [
	line.strip()
	for line in (BENCH / "apps" / "mitmenschen" / "mitmenschen" / "modules.txt").read_text().splitlines()
	if line.strip()
]
OUR_MODULES = "(" + ", ".join(f"'{module}'" for module in MODULES) + ")"
OUR_DOCTYPES = "('Refugee Household', 'Mediation Case', 'Partner District', 'Hotline Assignment')"
LEFTOVER_CHECKS = {
	"doctypes": f"SELECT COUNT(*) FROM tabDocType WHERE module IN {OUR_MODULES}",
	"tables": "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() "
	"AND table_name IN ('tabMediation Case', 'tabRefugee Household', 'tabPartner Organisation')",
	"roles": "SELECT COUNT(*) FROM tabRole WHERE name IN ('Mit:Menschen Clerk', 'Mit:Menschen Manager', 'Partner User')",
	"modules": "SELECT COUNT(*) FROM `tabModule Def` WHERE app_name = 'mitmenschen'",
	"workspace": "SELECT COUNT(*) FROM tabWorkspace WHERE name = 'Mit Menschen'",
	"connections": "SELECT COUNT(*) FROM `tabDocType Link` WHERE custom = 1 AND `group` = 'Mit:Menschen'",
	"property_setters": f"SELECT COUNT(*) FROM `tabProperty Setter` WHERE doc_type IN {OUR_DOCTYPES}",
	"settings": "SELECT COUNT(*) FROM tabSingles WHERE doctype = 'Mitmenschen Settings'",
	"workflows": "SELECT COUNT(*) FROM tabWorkflow WHERE document_type IN "
	"('Refugee Household', 'Mediation Case', 'Round Table Meeting', 'Partner Organisation')",
	"partner_desk": "SELECT COUNT(*) FROM tabRole WHERE name = 'Partner User' AND desk_access = 1",
	# staff read tenants and flats (erp/staff_access.py); uninstall leaves Customer and Location standard
	"staff_access": "SELECT COUNT(*) FROM `tabCustom DocPerm` WHERE parent IN ('Customer', 'Location') "
	"AND role IN ('Mit:Menschen Clerk', 'Mit:Menschen Manager') AND `read` = 1",
	"erp_custom_perms": "SELECT COUNT(*) FROM `tabCustom DocPerm` WHERE parent IN ('Customer', 'Location')",
	# the native speaker's check on Frappe's Translation (translations/checks.py) and the staff's rules there
	"translation_fields": "SELECT COUNT(*) FROM `tabCustom Field` WHERE dt = 'Translation' AND fieldname LIKE 'mm\\_%'",
	"translation_perms": "SELECT COUNT(*) FROM `tabCustom DocPerm` WHERE parent = 'Translation'",
}


@pytest.fixture(scope="module")
def scratch_site():
	new_site = [
		"new-site",
		SITE,
		*("--db-root-username", "root", "--db-root-password", DB_ROOT_PASSWORD),
		*("--admin-password", "admin", "--mariadb-user-host-login-scope=%"),
	]
	if ERPNEXT_SQL and Path(ERPNEXT_SQL).is_file():
		# bin/test's new Frappe + ERPNext database before our app (its cache): seconds, not a minute
		bench(*new_site, "--source-sql", ERPNEXT_SQL)
	else:
		bench(*new_site, "--install-app", "erpnext")
	assert "mitmenschen" not in bench("--site", SITE, "list-apps")
	yield SITE
	bench(
		"drop-site",
		SITE,
		"--db-root-username",
		"root",
		"--db-root-password",
		DB_ROOT_PASSWORD,
		"--no-backup",
		"--force",
	)


def test_install_uninstall_reinstall_leaves_nothing_behind(scratch_site):
	bench("--site", scratch_site, "install-app", "mitmenschen")
	installed = {name: query(sql) for name, sql in LEFTOVER_CHECKS.items()}
	assert installed["doctypes"] >= 18
	assert installed["tables"] == 3
	assert installed["roles"] == 3
	assert installed["modules"] == len(MODULES)
	assert installed["workflows"] == 4
	assert installed["partner_desk"] == 0
	assert installed["workspace"] == 1
	assert installed["connections"] == 4
	assert installed["staff_access"] == 4
	assert installed["translation_fields"] == 5
	assert (
		query(
			"SELECT COUNT(*) FROM `tabCustom DocPerm` WHERE parent = 'Translation' "
			"AND role IN ('Mit:Menschen Clerk', 'Mit:Menschen Manager')"
		)
		== 2
	)
	assert (
		query(
			"SELECT value FROM tabSingles WHERE doctype = 'Mitmenschen Settings' AND field = 'tenant_doctype'"
		)
		== "Customer"
	)

	bench("--site", scratch_site, "uninstall-app", "mitmenschen", "--yes", "--no-backup", "--force")
	leftovers = {name: query(sql) for name, sql in LEFTOVER_CHECKS.items()}
	assert leftovers == {name: 0 for name in LEFTOVER_CHECKS}, leftovers

	bench("--site", scratch_site, "install-app", "mitmenschen")
	assert query(LEFTOVER_CHECKS["roles"]) == 3
	assert query(LEFTOVER_CHECKS["connections"]) == 4
