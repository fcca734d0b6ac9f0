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
# Every whitelisted method types its arguments (tests/test_api_annotations.py enforces it on Frappe 15)
require_type_annotated_api_methods = True

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
before_uninstall = ["mitmenschen.uninstall.before_uninstall", "mitmenschen.escalation.setup.before_uninstall"]
before_tests = "mitmenschen.tests.utils.before_tests"

# ---- Permissions: partner isolation and staff-only records ---------------------------------
_PARTNER = "mitmenschen.access.permissions"
permission_query_conditions: dict[str, str] = {
	"Mediation Case": f"{_PARTNER}.case_query",
	"Round Table Action": f"{_PARTNER}.action_query",
	"Round Table Meeting": f"{_PARTNER}.meeting_query",
	"Partner Organisation": f"{_PARTNER}.organisation_query",
	"Partner Contact": f"{_PARTNER}.contact_query",
	"Household Referral": f"{_PARTNER}.household_referral_query",
	"Language Mediator": "mitmenschen.interpreting.permissions.mediator_query",
}
has_permission: dict[str, str] = {
	"Mediation Case": f"{_PARTNER}.case_permission",
	"Round Table Action": f"{_PARTNER}.action_permission",
	"Round Table Meeting": f"{_PARTNER}.meeting_permission",
	"Partner Organisation": f"{_PARTNER}.organisation_permission",
	"Partner Contact": f"{_PARTNER}.contact_permission",
	"Communication": f"{_PARTNER}.communication_permission",
	"Household Referral": f"{_PARTNER}.household_referral_permission",
	"Language Mediator": "mitmenschen.interpreting.permissions.mediator_permission",
}

# ---- No existence oracles: portal users get one refusal for "not yours" and "not there" ------
# (see access/refusals.py; auth_hooks run once the user is known, before any route)
auth_hooks = ["mitmenschen.access.refusals.refuse_unreadable_records"]
after_request = ["mitmenschen.access.refusals.make_refusals_uniform"]

# ---- Workflows: refused steps explained -----------------------------------------------------
override_whitelisted_methods = {
	"frappe.model.workflow.apply_workflow": "mitmenschen.workflows.rules.apply_workflow",
	# Frappe routes that would bypass partner isolation (see access/api_guards.py)
	"frappe.client.get_count": "mitmenschen.access.api_guards.get_count",
	"frappe.desk.form.load.getdoc": "mitmenschen.access.api_guards.getdoc",
	"frappe.desk.form.load.get_docinfo": "mitmenschen.access.api_guards.get_docinfo",
	# the sidebar's × would leave a case without its responsible person (mediation/assignment.py)
	"frappe.desk.form.assign_to.remove": "mitmenschen.mediation.assignment.remove",
	# number cards and charts read from the replica like Frappe's reports (replica.py)
	"frappe.desk.doctype.number_card.number_card.get_result": "mitmenschen.replica.number_card_result",
	"frappe.desk.doctype.dashboard_chart.dashboard_chart.get": "mitmenschen.replica.dashboard_chart",
}

# a replica that does not answer: this request reads from the primary (replica.py)
before_request = ["mitmenschen.replica.before_request"]

# ---- Data protection: Frappe's personal data requests find people by these email fields ----
# keep in step with mitmenschen.privacy.user_data.EMAIL_IDENTIFIED
user_data_fields = [
	{
		"doctype": "Mediation Case",
		"filter_by": "reporter_email",
		"redact_fields": ["reporter_name", "reporter_phone"],
	},
	{"doctype": "Partner Contact", "filter_by": "email", "redact_fields": ["full_name", "phone"]},
]

# ---- Desk: every page (a plain file under public/, served through the assets link) ------------------
# Frappe's Datetime and Time controls need a time picker with seconds (see the file)
app_include_js = [
	"/assets/mitmenschen/js/desk_datepicker.js",
	"/assets/mitmenschen/js/evidence_filters.js",
	"/assets/mitmenschen/js/desk_timeline.js",  # no "null" in the timeline's version lines
	"/assets/mitmenschen/js/desk_charts.js",  # charts: German numbers, labels not cut
]

# ---- Document events ----------------------------------------------------------------------------
_FORGET_PARTNERS = "mitmenschen.access.identity.forget_partner_organisations"
doc_events: dict[str, dict[str, str | list[str]]] = {
	# a date that cannot exist (30 February) gets a clear message, not a database error (our doctypes only)
	"*": {"before_validate": "mitmenschen.dates.refuse_impossible_dates"},
	"Communication": {  # email to case
		"before_validate": "mitmenschen.mediation.inbound.keep_subject_as_text",
		"after_insert": "mitmenschen.mediation.inbound.on_communication",
		"on_update": "mitmenschen.mediation.inbound.note_dropped_attachments",
	},
	"Personal Data Deletion Request": {"on_update": "mitmenschen.privacy.user_data.scrub_redacted_history"},
	# a translation entered in the desk records who checked it, when, against which German
	"Translation": {"validate": "mitmenschen.translations.checks.stamp_check"},
	# a user whose desk roles are only ours gets the clerk's desk (mitmenschen_setup/staff_desk.py)
	"User": {"before_validate": "mitmenschen.mitmenschen_setup.staff_desk.apply"},
	# the setup wizard sets the time zone after install: job types must not wait for hours (job_clock.py)
	"System Settings": {"on_update": "mitmenschen.mitmenschen_setup.job_clock.on_system_settings_update"},
	# moving in makes the household's onboarding plan (once); moving out ends its reminders
	"Refugee Household": {"on_update": "mitmenschen.households.onboarding.on_household_update"},
	# the case's assignee is Frappe's assignment: a ToDo made or closed anywhere sets the field
	"ToDo": {
		"after_insert": "mitmenschen.mediation.assignment.on_todo_change",
		"on_update": "mitmenschen.mediation.assignment.on_todo_change",
	},
	# who belongs to which organisation is cached for the permission hooks
	"Partner Contact": {"on_update": _FORGET_PARTNERS, "on_trash": _FORGET_PARTNERS},
	"Partner Organisation": {
		"on_update": _FORGET_PARTNERS,
		"on_trash": _FORGET_PARTNERS,
		"after_rename": _FORGET_PARTNERS,
	},
	# another German state in the settings: its holiday list is built and the SLA policy uses it
	"Mitmenschen Settings": {
		"on_update": "mitmenschen.escalation.holidays.on_settings_update",
		# no arrears signal without the purpose the privacy notice shows (early_signals/settings.py)
		"validate": "mitmenschen.early_signals.settings.validate_settings",
	},
}

# ---- Scheduled jobs -----------------------------------------------------------------------------
scheduler_events: dict[str, list[str] | dict[str, list[str]]] = {
	"daily": [
		"mitmenschen.privacy.retention.run_retention",
		"mitmenschen.evidence.half_year.attach_before_meetings",  # half-year report before a meeting
		"mitmenschen.early_signals.sweep.daily",  # early signals appear and clear with their cause
		"mitmenschen.escalation.holidays.ensure_configured_holiday_list",  # the calendar never runs out
	],
	# the family's reminder of an onboarding appointment, the day before (households/onboarding_visits.py)
	"hourly": ["mitmenschen.households.onboarding_visits.remind_due"],
	# an encrypted backup of database and files when one is due (backups/scheduled.py)
	"hourly_long": ["mitmenschen.backups.scheduled.run"],
	"cron": {
		"*/5 * * * *": ["mitmenschen.escalation.sweep.run"],  # escalations and reminders
		"* * * * *": [
			"mitmenschen.escalation.abandoned_jobs.free",  # frees a killed worker's job ids
			"mitmenschen.outbound.notices.retry_due",  # SMS and WhatsApp after a gateway error
		],
	},
}

# ---- Desk search: households found however their names are spelled (households/name_search.py) ----
standard_queries = {
	"Refugee Household": ["mitmenschen.households.name_search.search_households"],
	"Language Mediator": ["mitmenschen.interpreting.name_search.search_mediators"],
	"Mediation Case": ["mitmenschen.mediation.case_search.search_cases"],  # by the reporter's name too
}

# ---- Print formats and templates: one writing-direction rule for Python, Jinja and JavaScript ----
jinja = {
	"methods": [
		"mitmenschen.language.text_direction",
		"mitmenschen.mediation.follow_up.letter_context",
		"mitmenschen.early_signals.letter.support_letter_context",
	]
}

# ---- Desk: form scripts beside a doctype's own ----------------------------------------------------
# (loaded after the doctype's own form script, read from disk at form load: no build)
doctype_js = {
	"Round Table Meeting": [
		"public/js/meeting_half_year_report.js",  # half-year report button
		"public/js/interpreter_dialog.js",  # book a language mediator for the meeting
	],
	"Refugee Household": [
		"public/js/household_onboarding.js",  # the onboarding checklist
		"public/js/interpreter_dialog.js",  # book a language mediator (house rules, onboarding)
	],
	"Mediation Case": [
		"public/js/case_voice_messages.js",  # the reporter's voice messages, played
		"public/js/interpreter_dialog.js",  # the dialog that books a language mediator
		"public/js/case_interpreting.js",  # the playbook step "Book Interpreter" books a language mediator
	],
}

# ---- Portal -------------------------------------------------------------------------------------
# Partner portal and the tenant's "report a problem" form; pages in www/, logic in portal/.
update_website_context = "mitmenschen.language.website_context"  # dir="rtl" on Frappe's own web pages
website_route_rules = [
	{"from_route": "/partner/cases/<name>", "to_route": "partner/case"},
	{"from_route": "/partner/actions/<name>", "to_route": "partner/action"},
	{"from_route": "/partner/households/<name>", "to_route": "partner/household"},
	# the reporter's follow-up link (signed, no login): short enough to type from a letter
	{"from_route": "/f/<case>/<sig>", "to_route": "follow-up"},
	# a language mediator's offer or appointment (signed, no login; interpreting/links.py)
	{"from_route": "/d/<offer>/<sig>", "to_route": "interpreting"},
	{"from_route": "/t/<translation>/<sig>", "to_route": "translation"},  # a short written translation
]
role_home_page = {"Partner User": "partner"}
portal_menu_items = [
	{"title": "Partner Portal", "route": "/partner", "role": "Partner User"},
	{"title": "Report a Problem", "route": "/report-problem", "role": "Customer"},
	{"title": "My Reports", "route": "/my-reports", "role": "Customer"},
]

# ---- Escalation engine: its clients register their doctypes, clocks and recipient kinds ----------
# doctype -> module with notices(timers) and fired(timers); see escalation/sources.py
escalation_sources = {
	"Mediation Case": "mitmenschen.mediation.escalation_source",
	"Round Table Action": "mitmenschen.round_table.escalation_source",
	"Round Table Meeting": "mitmenschen.round_table.escalation_source",
	"Onboarding Plan Step": "mitmenschen.households.escalation_source",
	"Mediation Case Step": "mitmenschen.mediation.escalation_source",  # a case's playbook steps
	"Interpreter Booking": "mitmenschen.interpreting.escalation_source",  # answers, unfilled, reminders
}
escalation_clocks = [
	"Response",
	"Resolution",
	"Referral",
	"Action",
	"Onboarding",
	"Playbook Step",
	"Follow-up",
	"Interpreter Answer",
	"Interpreter Unfilled",
	"Interpreter Reminder",
]
# kind -> its resolver, made once per batch (the engine resolves "Role", "User" and asks each source
# for its "Assignee"; see escalation/recipients.py)
escalation_recipient_kinds = {
	"Partner Hot Line": "mitmenschen.partners.notify.HotLine",
	"Round Table Chair": "mitmenschen.round_table.escalation_source.Chair",
}
