"""Our Frappe Workflows, defined in code: states, actions, the rules a role cannot express, and the mail
to the one responsible person. Doctypes call `rules.validate_state_change` and
`notifications.notify_state_change` from their controllers."""
