"""Access control: who a portal user is, what they may read, and one refusal for everything else.

Machinery that knows no client: it protects cases, round-table records, partners' profiles,
households, household referrals and the ERP's tenant and property records alike, and names the
partner doctypes only as strings (`Partner Contact`, `Partner Organisation`), so it sits below every
domain package (`tests/test_import_graph.py`, layer "machinery").

- `identity`: a portal user's organisation (Partner User → Partner Contact → Partner Organisation,
  cached per user), staff or partner.
- `permissions`: Frappe's `permission_query_conditions` and `has_permission` hooks, one rule per
  doctype as SQL and as a check; no filtering on confidential fields.
- `refusals`: `auth_hooks` and `after_request` hooks — a portal user's API request naming a record it
  may not read is refused before any route runs, and every refusal answers alike (no existence oracle).
- `api_guards`: three of Frappe's whitelisted methods replaced through `override_whitelisted_methods`
  (`frappe.client.get_count`, `frappe.desk.form.load.getdoc`, `get_docinfo`).

Overriding Frappe's methods ties us to their signatures and behaviour: `access/test_overrides.py`
fails when a Frappe upgrade changes a replaced method's parameters, and the route audit
(`tests/test_route_audit.py`, generated from the installed code) finds a route an upgrade adds. What to
re-run after an upgrade is in docs/access-control.md.
"""
