"""The partner portal and the tenant's "report a problem" form: queries, whitelisted writes, language."""
