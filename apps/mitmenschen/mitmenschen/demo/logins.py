"""The demo's logins, one per role, as `bin/run` prints them when the stack starts.

Plain data from `demo/data.py`, no site needed: `python -m mitmenschen.demo.logins`.
"""

from mitmenschen.demo.data import DEMO_PASSWORD, LOGINS


def describe() -> str:
	user_width = max(len(user) for user, *_ in LOGINS)
	role_width = max(len(role) for _, role, *_ in LOGINS)
	lines = [f"Demo logins, password {DEMO_PASSWORD} (user, role, what to open):"]
	for user, role, path, what in LOGINS:
		lines.append(f"  {user:<{user_width}}  {role:<{role_width}}  {path}  ({what})")
	return "\n".join(lines)


if __name__ == "__main__":
	print(describe())
