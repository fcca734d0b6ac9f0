"""Where a round-table mail points: the desk for staff, the partner portal for partners."""

from frappe.utils import get_url


def action_link(name: str, portal: bool) -> str:
	return get_url(f"/partner/actions/{name}" if portal else f"/app/round-table-action/{name}")


def meeting_link(name: str, portal: bool) -> str:
	"""Partners see their invitations on one page; the anchor scrolls to this meeting."""
	return get_url(f"/partner/meetings#{name}" if portal else f"/app/round-table-meeting/{name}")
