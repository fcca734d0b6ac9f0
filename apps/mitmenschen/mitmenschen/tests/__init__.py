"""The app's test support, in one package: factories, the worlds the isolation, portal and privacy
tests build, the loopback mail servers, type-block checks, and the test site's preparation.

These helpers create, commit and delete records. They refuse to run on a site that is not a test
site (`bench --site <site> set-config allow_tests true`), so that nobody fills or empties a
cooperative's real site by accident.
"""

import frappe


class NotATestSite(RuntimeError):
	pass


def require_test_site() -> None:
	site = getattr(frappe.local, "site", None)
	if site and not frappe.conf.get("allow_tests"):
		raise NotATestSite(
			f"mitmenschen.tests only runs on test sites; {site} has no allow_tests "
			f"(bench --site {site} set-config allow_tests true)"
		)


require_test_site()
