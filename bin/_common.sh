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

BENCH_TOOL_ENV="$CACHE_DIR/tools/bench"
export PATH="$BENCH_TOOL_ENV/bin:$ROOT/env/bin:$PATH"
# bench asks pip/yarn to be quiet and must not fetch prebuilt assets from GitHub.
export CI="${CI:-1}"
export PIP_DISABLE_PIP_VERSION_CHECK=1

CURRENT_STEP="start"
step() {
	CURRENT_STEP="$*"
	printf '\n\033[1m==> %s\033[0m\n' "$*"
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
