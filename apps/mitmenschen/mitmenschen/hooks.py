# Mit:Menschen — the app's wiring diagram. No logic here: every entry points at a named module.

# ---- Identity ----------------------------------------------------------------------------------
app_name = "mitmenschen"
app_title = "Mit:Menschen"
app_publisher = "Mit:Menschen developers"
app_description = "Integration of refugee families in housing cooperatives"
app_email = "dev@mitmenschen.example"
app_license = "mit"
app_logo_url = "/assets/mitmenschen/mitmenschen.svg"

required_apps = ["frappe/erpnext"]

add_to_apps_screen = [
	{
		"name": "mitmenschen",
		"logo": "/assets/mitmenschen/mitmenschen.svg",
		"title": "Mit:Menschen",
		"route": "/app/mit-menschen",
	}
]

# ---- Install, migrate, tests -------------------------------------------------------------------
after_install = "mitmenschen.install.after_install"
after_migrate = "mitmenschen.install.after_migrate"
before_uninstall = "mitmenschen.uninstall.before_uninstall"
before_tests = "mitmenschen.tests.utils.before_tests"

# ---- Permissions: partner isolation and staff-only records (#4) ---------------------------------
permission_query_conditions: dict[str, str] = {}
has_permission: dict[str, str] = {}

# ---- Data protection: Frappe's personal data requests find people by these email fields (#4) ----
# keep in step with mitmenschen.privacy.user_data.EMAIL_IDENTIFIED
user_data_fields = [
	{
		"doctype": "Mediation Case",
		"filter_by": "reporter_email",
		"redact_fields": ["reporter_name", "reporter_phone"],
	},
	{"doctype": "Partner Contact", "filter_by": "email", "redact_fields": ["full_name", "phone"]},
]

# ---- Document events ----------------------------------------------------------------------------
doc_events: dict[str, dict[str, str | list[str]]] = {
	"Personal Data Deletion Request": {"on_update": "mitmenschen.privacy.user_data.scrub_redacted_history"},
}

# ---- Scheduled jobs -----------------------------------------------------------------------------
scheduler_events: dict[str, list[str] | dict[str, list[str]]] = {
	"daily": ["mitmenschen.privacy.retention.run_retention"],
	"cron": {},
}
