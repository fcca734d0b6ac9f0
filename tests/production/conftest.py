"""One production stack for every module of tests/production: `SITES="<site> <copy>" bin/production start`
once, for the site under test and a copy of it (the second cooperative). The copy is made while the
portal's world is built on the site, both before the stack takes MariaDB over; the stack is stopped and
the copy dropped when the session ends.

The order: a test marked `stack_phase(n)` runs by n, the others at 0 in file order. Below 0 the tests
that must not meet the read replica's copy (half a minute of MariaDB loading, in the background from
the first test at 0 on): the desk, whose cards and charts would read from the replica once it is
configured, and the backup test, which rewrites the sites' configs as `replica start` does. Above 0 the
tests that change or stop the stack (the replica, supervisord's restarts, the stop last) and the
scheduler's, which waits for the first tick a minute after start while they run."""

import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from portal_world import build_world
from scratch_sites import bench, copy_site, drop_site, site_config

from production.stack import (
	COPY,
	OWN_MARIADB,
	SITE,
	STATE,
	Executor,
	login,
	production,
	scheduled_runs,
	supervisorctl,
)

REPLICA_TEST = "test_reports_read_from_a_replica_and_survive_its_stop"


def pytest_configure(config):
	config.addinivalue_line("markers", "stack_phase(n): runs by n, the unmarked tests at 0 (conftest.py)")


def phase(item) -> int:
	marker = item.get_closest_marker("stack_phase")
	return marker.args[0] if marker else 0


def pytest_collection_modifyitems(items):
	items.sort(key=phase)  # stable: the file order within a phase


@pytest.fixture(autouse=True)
def replica_copied_meanwhile(request):
	"""From the first test at phase 0 on, the replica is being copied."""
	if phase(request.node) >= 0:
		request.getfixturevalue("replica_copying")


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
	"""The running stack; its value: the portal's world on SITE, the start's output, when start began,
	and when each site's scheduled job types last ran before it."""
	tmp = tmp_path_factory.mktemp("production")
	started = stopped = executor = None
	try:
		with ThreadPoolExecutor(max_workers=1) as pool:
			copied = pool.submit(copy_site, SITE, COPY, tmp)
			world = build_world()
			copied.result()
		world["developer_mode_before"] = site_config(SITE).get("developer_mode")
		world["scheduled_before"] = {site: scheduled_runs(site) for site in (SITE, COPY)}
		world["began"] = time.monotonic()
		started = production("start")
		assert started.returncode == 0, (started.stdout + started.stderr)[-3000:]
		world["start_output"] = started.stdout
		executor = world["execute"] = Executor()  # Frappe's imports while the first tests run
		yield world
	finally:
		if executor is not None:
			executor.close()
		# test_stop_hands_mariadb_and_redis_back stopped it unless it failed or did not run
		if started is not None and (STATE.exists() or supervisorctl("pid").returncode == 0):
			stopped = production("stop")
		with ThreadPoolExecutor(max_workers=1) as pool:
			retired = pool.submit(
				bench,
				"--site",
				SITE,
				"execute",
				"mitmenschen.tests.mail.retire_outgoing_account",
				check=False,
			)
			drop_site(COPY, tmp)
			retired.result()
	if stopped is not None:
		assert stopped.returncode == 0, (stopped.stdout + stopped.stderr)[-3000:]
	assert "not running" in production("status").stdout
	assert site_config(SITE).get("developer_mode") == world["developer_mode_before"]


@pytest.fixture(scope="session")
def execute(stack) -> Executor:
	"""`bench --site <site> execute <method>` of the running stack's sites: execute(site, method, **kwargs)."""
	return stack["execute"]


@pytest.fixture(scope="session")
def sids(stack) -> dict[str, str]:
	"""One Administrator session per site, logged in through nginx once for every test that needs one."""
	return {site: login(site) for site in (SITE, COPY)}


@pytest.fixture(scope="session")
def replica_copying(request, stack):
	"""`bin/production replica start` under way in the background (its result: the future's), started by
	the first test that requests it; none when the replica test is not in the session."""
	if not OWN_MARIADB or REPLICA_TEST not in {item.originalname for item in request.session.items}:
		yield None
		return
	with ThreadPoolExecutor(max_workers=1) as pool:
		yield pool.submit(production, "replica", "start")
	# leaving the pool waited for it: the stack is not stopped under a replica still being copied
