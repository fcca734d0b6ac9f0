"""What cooperatives share (a federation of member sites).

- `package`: one cooperative (or the association) publishes its house-rules versions with their
  translations' check states, its playbooks (Case Category steps), the app's Email Templates and its
  onboarding templates as one versioned JSON file; a member site imports it and never overwrites a
  local change silently (each import is logged with what it did to every item).
- `figures`: the other way, a member exports the round table's key figures with no personal data and
  no group smaller than five; the federation site combines the members' files into one report.
"""
