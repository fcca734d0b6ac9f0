"""Fault drill: the load benchmark (`benchmarks/load.py`) against the production stack, with faults
thrown in while it runs; prints what it did and what it found. A drill script, not a test.

	cd <bench> && env/bin/python -m mitmenschen.benchmarks.fault_drill --site l16.localhost \\
		--base-url http://127.0.0.1:8080 [--seconds 240] [--users 50] [--no-outages]

It needs the stack of `bin/production start` (supervisord with mm-web, mm-worker-short, mm-worker-long,
mm-schedule, mm-mariadb, mm-redis-cache, mm-redis-queue, mm-nginx; `--conf` names its
supervisord.conf). While the simulated people work, at these seconds of the run:

- 20 s  kill a worker mid-sweep: seed a burst of escalation steps due now, enqueue the sweep, and as
        soon as an RQ worker has started it, SIGKILL that worker and its work horse (as a crash or the
        OOM killer would); then look whether the burst was half sent;
- 45 s  kill a web process mid-request: SIGKILL one of gunicorn's workers while it is busy;
- 70 s  stop MariaDB for 30 s (`supervisorctl stop mm-mariadb`, then start);
- 140 s stop Redis, cache and queue, for 30 s;
- 200 s (70 s with --no-outages) when the stack runs two nodes (PROD_NODES=2): lose node 2 — SIGKILL
        to its gunicorn and RQ workers at once, kept down for 30 s, then started again.

MariaDB and Redis are started again by the drill (an outage ends when the server is back); nothing
else is touched: the web processes, workers and scheduler must come back by themselves. After the
load it waits until every program that ran before is RUNNING, nginx answers and both RQ workers are
registered, and prints how long each took; then the load benchmark's drain and checks run: nothing
lost (every reply and report answered 200 is there once, every due escalation step sent once), no mail
delivered twice, every queued mail sent; it reports when the killed sweep's steps went out, and last
waits until the stack's scheduler starts a job by itself (the driver no longer enqueues anything). Errors while a fault lasts are expected and counted per
fault; an error outside every fault window (plus a grace of `GRACE` seconds) is reported as one.

The MariaDB and Redis outages disturb everyone on a shared machine: the drill touches /tmp/mm-outage
while it runs (others' scripts may wait for it) and removes it afterwards; `--no-outages` skips them.
Exits 1 when something was lost or duplicated, a service did not come back, or an error fell outside
the fault windows.
"""

import argparse
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import redis

from mitmenschen.benchmarks import load
from mitmenschen.benchmarks.load_world import SWEEP

OUTAGE_FLAG = "/tmp/mm-outage"
OUTAGE_SECONDS = 30
GRACE = 30  # seconds after a fault in which errors still count as its own (answers take 10–30 s here)
BURST = 1500  # escalation steps due at once: the sweep that handles them runs for a few seconds
RECOVERY_SECONDS = 240
SCHEDULER_SECONDS = 330  # the "all" jobs (mail flush) are due every 240 s
REDIS_QUEUE = "redis://127.0.0.1:11000"
NODE_GROUP = "node-2"  # bin/production's second node (PROD_NODES=2)
NODE_WEB = f"{NODE_GROUP}:mm-web-2"
NODE_PROGRAMS = [NODE_WEB, f"{NODE_GROUP}:mm-worker-short-2", f"{NODE_GROUP}:mm-worker-long-2"]


def say(text: str) -> None:
	print(f"[drill {time.strftime('%H:%M:%S')}] {text}", flush=True)


class Supervisor:
	def __init__(self, conf: str) -> None:
		self.conf = conf

	def ctl(self, *args: str) -> subprocess.CompletedProcess:
		return subprocess.run(
			["supervisorctl", "-c", self.conf, *args],
			capture_output=True,
			text=True,
			timeout=180,
			check=False,
		)

	def pid(self, program: str) -> int:
		out = self.ctl("pid", program).stdout.strip()
		return int(out) if out.isdigit() else 0

	def states(self) -> dict[str, str]:
		rows = [line.split() for line in self.ctl("status").stdout.splitlines() if line.strip()]
		return {row[0]: row[1] for row in rows if len(row) > 1}


def children(pid: int) -> list[int]:
	try:
		with open(f"/proc/{pid}/task/{pid}/children") as f:
			return [int(p) for p in f.read().split()]
	except OSError:
		return []


def cpu_ticks(pid: int) -> int:
	try:
		with open(f"/proc/{pid}/stat") as f:
			fields = f.read().rsplit(")", 1)[1].split()
		return int(fields[11]) + int(fields[12])  # utime + stime
	except OSError:
		return 0


@dataclass
class Fault:
	name: str
	at: float  # seconds into the load
	step: Callable[["Fault"], None]
	began: float = 0.0  # wall clock
	ended: float = 0.0
	state: str = "waiting"
	notes: list[str] = field(default_factory=list)


class Drill:
	"""The faults as a small state machine, advanced from the load's main loop (`during`), which calls
	it about five times a second; nothing here blocks for long, so the minute's sweep keeps coming."""

	def __init__(self, options: load.Options, supervisor: Supervisor, outages: bool) -> None:
		self.options, self.sv = options, supervisor
		self.site = load.Site(options.site, os.path.abspath("sites"))
		self.redis = redis.Redis.from_url(REDIS_QUEUE, socket_timeout=2)
		self.faults = [
			Fault("kill a worker mid-sweep", 20, self.kill_worker),
			Fault("kill a web process mid-request", 45, self.kill_web),
		]
		if outages:
			self.faults += [
				Fault("MariaDB stopped", 70, lambda f: self.outage(f, ["mm-mariadb"])),
				Fault("Redis stopped", 140, lambda f: self.outage(f, ["mm-redis-cache", "mm-redis-queue"])),
			]
		if NODE_WEB in supervisor.states():  # PROD_NODES=2: lose the second node under load
			self.faults.append(Fault("node 2 lost", 200 if outages else 70, self.lose_node))
		self.burst: list[str] = []
		self.world: dict = {}  # the load's people and run id, once built
		self.killed_at: str | None = None  # the site's clock when the worker was killed
		self.sweep_job = f"{options.site}::scheduled_job::{SWEEP}"
		# the programs to come back: those running before the drill (a stack may leave some to others)
		self.programs = [p for p, state in supervisor.states().items() if state == "RUNNING"]

	def __call__(self, elapsed: float) -> None:
		for fault in self.faults:
			if fault.state != "done" and elapsed >= fault.at:
				fault.step(fault)
				return  # one fault at a time

	# -- kill a worker mid-sweep ------------------------------------------------------------------------
	def kill_worker(self, fault: Fault) -> None:
		if fault.state == "waiting":
			fault.began = time.time()
			self.burst = self.site.call(
				"seed_escalations",
				run=self.world["run"],
				clerks=[c["user"] for c in self.world["clerks"]],
				due=[self.site.call("now")] * BURST,
				category=self.world["category"],
			)
			queued = self.site.call("tick", jobs=(SWEEP,))
			fault.notes.append(f"seeded {BURST} steps due now, sweep enqueued: {queued}")
			fault.state = "watching"
		elif fault.state == "watching":
			worker = self._worker_running(self.sweep_job)
			if worker:
				name, pid = worker
				# the work horse runs the job in a session of its own (rq forks it with setsid): kill it
				# and the worker, as the OOM killer or a container stop would
				horses = children(pid)
				for victim in [*horses, pid]:
					os.kill(victim, signal.SIGKILL)
				fault.notes.append(
					f"sweep started on {name}: SIGKILL to its work horse {horses} and worker {pid}"
				)
				fault.state = "killed"
				fault.ended = time.time()
				self.killed_at = self.site.call("now")
			elif time.time() - fault.began > 60:
				fault.notes.append("no worker started the sweep within 60 s")
				fault.state, fault.ended = "done", time.time()
		elif fault.state == "killed" and time.time() - fault.ended > 1:
			sent = self.site.call("count_sent", names=self.burst)
			fault.notes.append(
				f"right after the kill {sent} of {BURST} burst steps were sent (0 = mid-sweep)"
			)
			fault.state = "done"

	def _worker_running(self, job_id: str) -> tuple[str, int] | None:
		try:
			job = self.redis.hgetall(f"rq:job:{job_id}")
			if job.get(b"status") != b"started" or not job.get(b"worker_name"):
				return None
			name = job[b"worker_name"].decode()
			pid = int(self.redis.hget(f"rq:worker:{name}", "pid") or 0)
			return (name, pid) if pid else None
		except (redis.RedisError, ValueError):
			return None

	# -- kill a web process mid-request -----------------------------------------------------------------
	def kill_web(self, fault: Fault) -> None:
		master = self.sv.pid("mm-web")
		workers = children(master)
		if not workers:
			fault.notes.append(f"no gunicorn workers under pid {master}")
			fault.state = "done"
			return
		before = {pid: cpu_ticks(pid) for pid in workers}
		time.sleep(0.3)
		busiest = max(workers, key=lambda pid: cpu_ticks(pid) - before[pid])
		fault.began = time.time()
		os.kill(busiest, signal.SIGKILL)
		fault.ended = time.time()
		fault.notes.append(
			f"SIGKILL to gunicorn worker {busiest} (busiest of {len(workers)} in the last 0.3 s)"
		)
		fault.state = "done"

	# -- a whole node lost -------------------------------------------------------------------------------
	def lose_node(self, fault: Fault) -> None:
		"""SIGKILL to every process of node 2 at once (gunicorn's master and workers, both RQ workers and
		their work horses), as when a machine dies; supervisord is then told to leave it down, so the
		first node alone serves every user (their sessions live in Redis and the database) for
		OUTAGE_SECONDS, after which the node comes back as a replaced machine would."""
		if fault.state == "waiting":
			masters = [self.sv.pid(program) for program in NODE_PROGRAMS]
			doomed = [pid for pid in masters if pid] + [c for pid in masters if pid for c in children(pid)]
			# supervisord is told to stop the group first, so that it does not start what dies, and the
			# SIGKILL follows at once: the node's processes end mid-request, as when its machine dies
			stopping = subprocess.Popen(
				["supervisorctl", "-c", self.sv.conf, "stop", f"{NODE_GROUP}:*"],
				stdout=subprocess.DEVNULL,
				stderr=subprocess.DEVNULL,
			)
			time.sleep(0.05)
			fault.began = time.time()
			for pid in doomed:
				try:
					os.kill(pid, signal.SIGKILL)
				except ProcessLookupError:
					pass
			stopping.wait(timeout=120)
			fault.notes.append(f"SIGKILL to {len(doomed)} processes of {NODE_GROUP}; kept down")
			fault.state = "down"
		elif fault.state == "down" and time.time() - fault.began >= OUTAGE_SECONDS:
			out = self.sv.ctl("start", f"{NODE_GROUP}:*").stdout.strip().replace("\n", "; ")
			fault.ended = time.time()
			fault.notes.append(f"back after {fault.ended - fault.began:.0f} s: {out}")
			fault.state = "done"

	# -- outages ------------------------------------------------------------------------------------------
	def outage(self, fault: Fault, programs: list[str]) -> None:
		if fault.state == "waiting":
			fault.began = time.time()
			out = self.sv.ctl("stop", *programs).stdout.strip().replace("\n", "; ")
			fault.notes.append(f"stop: {out} ({time.time() - fault.began:.1f} s)")
			fault.state = "down"
		elif fault.state == "down" and time.time() - fault.began >= OUTAGE_SECONDS:
			out = self.sv.ctl("start", *programs).stdout.strip().replace("\n", "; ")
			fault.ended = time.time()
			fault.notes.append(f"start after {fault.ended - fault.began:.0f} s: {out}")
			fault.state = "done"

	# -- afterwards ------------------------------------------------------------------------------------------
	def finish(self) -> None:
		"""Faults not yet over when the load ended are ended now (a server is never left stopped)."""
		for fault in self.faults:
			if fault.state == "down":
				fault.began -= OUTAGE_SECONDS
				fault.step(fault)

	def recovery(self) -> bool:
		"""Wait until everything is back by itself; print how long each part took."""
		began = time.time()
		back: dict[str, float] = {}
		checks = {
			"every program RUNNING": self._all_running,
			"nginx and gunicorn answer": self._answers,
			"both RQ workers registered": self._workers_registered,
		}
		while time.time() - began < RECOVERY_SECONDS and len(back) < len(checks):
			for what, check in checks.items():
				if what not in back and check():
					back[what] = time.time() - began
			time.sleep(1)
		for what in checks:
			say(f"{what}: " + (f"after {back[what]:.0f} s" if what in back else "NOT BACK"))
		states = self.sv.states()
		say("supervisor: " + ", ".join(f"{p} {state}" for p, state in states.items()))
		return len(back) == len(checks)

	def _all_running(self) -> bool:
		states = self.sv.states()
		return all(states.get(p) == "RUNNING" for p in self.programs)

	def _answers(self) -> bool:
		import requests

		try:
			r = requests.get(f"{self.options.base_url}/api/method/ping", timeout=5)
			return r.status_code == 200
		except requests.RequestException:
			return False

	def _workers_registered(self) -> bool:
		wanted = {self.sv.pid("mm-worker-short"), self.sv.pid("mm-worker-long")} - {0}
		try:
			pids = {int(self.redis.hget(w, "pid") or 0) for w in self.redis.smembers("rq:workers")}
		except redis.RedisError:
			return False
		return len(wanted) == 2 and wanted <= pids

	def burst_report(self) -> None:
		"""When the steps of the killed sweep went out after all (a later sweep sends them)."""
		if self.burst and self.killed_at:
			found = self.site.call("sent_after", names=self.burst, since=self.killed_at)
			say(
				f"killed sweep's {BURST} steps: {found['sent']} sent, the last {found['last_s']} s after the kill"
			)

	def scheduler_back(self) -> bool:
		"""Frappe's scheduler (mm-schedule) enqueues again by itself: with the driver no longer
		enqueuing anything, some scheduled job starts (the mail flush is due every 4 minutes)."""
		since = self.site.call("now")
		began = time.time()
		while time.time() - began < SCHEDULER_SECONDS:
			try:
				jobs = self.site.call("scheduler_heartbeat", since=since)
			except Exception:
				jobs = []
			if jobs:
				say(
					f"scheduler: enqueues by itself again, {jobs[0]} started {time.time() - began:.0f} s after the drain"
				)
				return True
			time.sleep(10)
		say(f"scheduler: NO scheduled job started in the {SCHEDULER_SECONDS} s after the drain")
		return False

	def errors_by_fault(self, results: load.Results) -> int:
		"""Errors inside each fault's window (began .. ended + GRACE); those outside any are real."""
		outside = 0
		windows = [(f, f.began - 1, (f.ended or f.began) + GRACE) for f in self.faults if f.began]
		counts = dict.fromkeys([f.name for f in self.faults], 0)
		for t in results.error_times:
			hit = [f for f, lo, hi in windows if lo <= t <= hi]
			if hit:  # windows overlap by the grace: the fault that began last is the likelier cause
				counts[max(hit, key=lambda f: f.began).name] += 1
			else:
				outside += 1
		for fault in self.faults:
			say(f"{fault.name}: {counts[fault.name]} failed requests")
			for note in fault.notes:
				say(f"    {note}")
		say(f"failed requests outside the fault windows: {outside}")
		return outside


def main(argv: list[str] | None = None) -> int:
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--site", required=True)
	parser.add_argument("--base-url", required=True)
	parser.add_argument("--users", type=int, default=50)
	parser.add_argument("--seconds", type=int, default=240)
	parser.add_argument("--smtp-port", type=int, default=2566)
	parser.add_argument("--conf", default="config/production/supervisord.conf")
	parser.add_argument("--no-outages", action="store_true")
	args = parser.parse_args(argv)
	options = load.Options(
		site=args.site,
		base_url=args.base_url,
		users=args.users,
		seconds=args.seconds,
		smtp_port=args.smtp_port,
		escalations=240,
		drain_seconds=420,
	)
	supervisor = Supervisor(os.path.abspath(args.conf))
	if supervisor.states().get("mm-web") != "RUNNING":
		say(f"the production stack is not running ({args.conf}): bin/production start")
		return 2
	outages = not args.no_outages
	drill = Drill(options, supervisor, outages)
	found: dict = {}

	def before(world: dict) -> None:
		drill.world = world

	def after(results: load.Results) -> None:
		drill.finish()
		found["back"] = drill.recovery()
		found["outside"] = drill.errors_by_fault(results)

	if outages:
		open(OUTAGE_FLAG, "w").close()
		say(f"{OUTAGE_FLAG} touched: MariaDB and Redis will be stopped for {OUTAGE_SECONDS} s each")
	try:
		problems = load.run(options, during=drill, after=after, before=before)
		drill.burst_report()
		found["scheduler"] = drill.scheduler_back()
	finally:
		drill.finish()
		if outages and os.path.exists(OUTAGE_FLAG):
			os.remove(OUTAGE_FLAG)
			say(f"{OUTAGE_FLAG} removed")
	ok = not problems and found.get("back") and found.get("scheduler") and not found.get("outside")
	say("drill " + ("passed: nothing lost, nothing sent twice, every service back" if ok else "FAILED"))
	return 0 if ok else 1


if __name__ == "__main__":
	sys.exit(main())
