# Shared settings and helpers for bin/setup, bin/run and bin/test (sourced, not executed).
# shellcheck shell=bash
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/mitmenschen"
# Sources of Frappe and ERPNext: FRAPPE_REPO / ERPNEXT_REPO when set, else upstream, else (no GitHub)
# the git bundles <name>-<branch>.bundle in SOURCES_DIR, beside the checkout (bin/setup picks).
FRAPPE_REPO="${FRAPPE_REPO:-}"
ERPNEXT_REPO="${ERPNEXT_REPO:-}"
FRAPPE_BRANCH="${FRAPPE_BRANCH:-version-15}"
SOURCES_DIR="${SOURCES_DIR:-$ROOT/../shared/sources}"
DB_HOST="${DB_HOST:-127.0.0.1}"
DB_PORT="${DB_PORT:-3306}"
DB_ROOT_PASSWORD="${DB_ROOT_PASSWORD:-mitmenschen}"
SITE="${SITE:-mitmenschen.localhost}"
TEST_SITE="${TEST_SITE:-test.localhost}"
ADMIN_PASSWORD="${ADMIN_PASSWORD:-admin}"
WEB_PORT="${WEB_PORT:-8000}"
TEST_WEB_PORT="${TEST_WEB_PORT:-8001}"
TEST_APP_SITE="${TEST_APP_SITE:-test-app.localhost}" # bin/test: the app suite's copy of TEST_SITE
E2E_PROCESSES="${E2E_PROCESSES:-2}"                    # bin/test: pytest processes of the end-to-end suite

BENCH_TOOL_ENV="$CACHE_DIR/tools/bench"
export PATH="$BENCH_TOOL_ENV/bin:$ROOT/env/bin:$PATH"
# bench asks pip/yarn to be quiet and must not fetch prebuilt assets from GitHub.
export CI="${CI:-1}"
export PIP_DISABLE_PIP_VERSION_CHECK=1

CURRENT_STEP="start"
step() {
	CURRENT_STEP="$*"
	# the time since the script began, so that any log shows where the minutes go
	printf '\n\033[1m==> %s\033[0m  (%d:%02d)\n' "$*" $((SECONDS / 60)) $((SECONDS % 60))
}
fail() {
	printf '\n\033[31mERROR (%s): %s\033[0m\n' "$CURRENT_STEP" "$*" >&2
	exit 1
}
trap 'rc=$?; printf "\n\033[31m%s failed at step: %s (exit %s)\033[0m\n" "$(basename "$0")" "$CURRENT_STEP" "$rc" >&2' ERR

as_root() {
	if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
		fail "need root to run: $* (install it yourself or run as root)"
	fi
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

db_root() {
	mariadb --protocol=tcp -h "$DB_HOST" -P "$DB_PORT" -uroot -p"$DB_ROOT_PASSWORD" "$@"
}

bench_ready() { [ -x "$ROOT/env/bin/python" ] && [ -d "$ROOT/apps/frappe" ] && [ -d "$ROOT/apps/erpnext" ]; }
ASSETS_LATER=0
core_assets_missing() { [ ! -d sites/assets/frappe/dist ] || [ ! -d sites/assets/erpnext/dist ]; }
assets_missing() { core_assets_missing || [ ! -e sites/assets/mitmenschen ]; }
build_assets() { # the desk's assets: all of them on a new bench, ours when the app is new to it
	if core_assets_missing; then bench build; else bench build --app mitmenschen; fi
}
site_ready() { [ -f "$ROOT/sites/$1/site_config.json" ] && [ -f "$ROOT/sites/$1/.mitmenschen-ready" ]; }

start_redis() {
	mkdir -p "$ROOT/config/pids" "$ROOT/logs"
	local name port
	for name in cache queue; do
		port=$(sed -n 's/^port //p' "config/redis_$name.conf")
		if ! port_open 127.0.0.1 "$port"; then
			redis-server "config/redis_$name.conf" --daemonize yes --logfile "$ROOT/logs/redis_$name.log" \
				|| fail "could not start Redis ($name) on port $port"
		fi
	done
	for _ in $(seq 50); do port_open 127.0.0.1 13000 && port_open 127.0.0.1 11000 && return 0; sleep 0.1; done
	fail "Redis did not come up on ports 13000/11000 (see logs/redis_*.log)"
}

# MariaDB on DB_PORT: the one there, else our own from var/mariadb (bin/setup; bin/production stop hands
# the supervised one back this way).
start_mariadb() {
	step "MariaDB on $DB_HOST:$DB_PORT"
	if port_open "$DB_HOST" "$DB_PORT"; then
		db_root -e "SELECT 1" >/dev/null 2>&1 || fail "MariaDB at $DB_HOST:$DB_PORT refuses root with the \
given password. Set DB_ROOT_PASSWORD to its root password, or DB_PORT to a free port so that \
bin/setup starts a MariaDB of its own there."
		echo "MariaDB answers"
		return
	fi
	[ "$DB_HOST" = 127.0.0.1 ] || [ "$DB_HOST" = localhost ] || fail "MariaDB at $DB_HOST:$DB_PORT is not \
reachable. Start it, or unset DB_HOST so that bin/setup starts a local one."
	local data="$ROOT/var/mariadb" run="$ROOT/var/run"
	mkdir -p "$run" "$ROOT/logs"
	if [ ! -d "$data/mysql" ]; then
		echo "initialising a database in var/mariadb"
		mariadb-install-db --defaults-file="$ROOT/config/mariadb.cnf" --datadir="$data" --user="$(id -un)" \
			--auth-root-authentication-method=normal --skip-test-db >"$ROOT/logs/mariadb-install.log" 2>&1 \
			|| fail "mariadb-install-db failed, see logs/mariadb-install.log"
	fi
	# a session of its own: MariaDB outlives the shell or job that started it (its process group may be killed)
	setsid nohup mariadbd --defaults-file="$ROOT/config/mariadb.cnf" --datadir="$data" --user="$(id -un)" \
		--port="$DB_PORT" --bind-address=127.0.0.1 --socket="$run/mariadb.sock" \
		--pid-file="$run/mariadb.pid" --log-error="$ROOT/logs/mariadb.log" >/dev/null 2>&1 &
	for _ in $(seq 100); do [ -S "$run/mariadb.sock" ] && port_open 127.0.0.1 "$DB_PORT" && break; sleep 0.2; done
	port_open 127.0.0.1 "$DB_PORT" || fail "MariaDB did not start, see logs/mariadb.log"
	# A fresh data directory has a root without password: give it ours (TCP logins need one).
	if mariadb -S "$run/mariadb.sock" -uroot -e "SELECT 1" >/dev/null 2>&1; then
		mariadb -S "$run/mariadb.sock" -uroot <<-SQL
			ALTER USER 'root'@'localhost' IDENTIFIED BY '$DB_ROOT_PASSWORD';
			CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '$DB_ROOT_PASSWORD';
			GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
			FLUSH PRIVILEGES;
		SQL
	fi
	db_root -e "SELECT 1" >/dev/null 2>&1 || fail "MariaDB in var/mariadb refuses root with DB_ROOT_PASSWORD; \
set it to the password this database was created with, or remove var/mariadb to start afresh."
	echo "MariaDB started (data in var/mariadb)"
}
