#!/usr/bin/env bash
# The local ClickHouse cluster of CONTRACT.md section 6: two shards of Debian's clickhouse-server on
# loopback, HTTP on 8123 and 8124, data under data/clickhouse/shard1 and shard2, one remote_servers
# cluster `duckmart`.
#   scripts/clickhouse.sh install   apt-get install clickhouse-server (as root or via sudo) if missing
#   scripts/clickhouse.sh up        install if needed, start both shards, wait until both answer, print the URL
#   scripts/clickhouse.sh down      stop both shards (the data stays; `up` again serves it)
# Ports and the directory can be moved with CLICKHOUSE_HTTP_PORT (first shard; the second is +1),
# CLICKHOUSE_TCP_PORT (first native port; +1) and CLICKHOUSE_DIR. Anything missing is an error.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "clickhouse: $*" >&2; exit 1; }

dir=${CLICKHOUSE_DIR:-$PWD/data/clickhouse}
http1=${CLICKHOUSE_HTTP_PORT:-8123}
tcp1=${CLICKHOUSE_TCP_PORT:-9101}
server=$(command -v clickhouse-server || echo /usr/bin/clickhouse-server)

install() {
  [ -x "$server" ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || fail "clickhouse-server is missing and this user cannot install it (not root, no sudo)."
    sudo="sudo"
  fi
  command -v apt-get >/dev/null || fail "clickhouse-server is missing and apt-get is unavailable to install it."
  echo "clickhouse: installing Debian's clickhouse-server"
  # Another apt-get (the web test installing Chromium) may hold the lock: wait for it, bounded.
  for _ in $(seq 120); do
    fuser /var/lib/dpkg/lock-frontend >/dev/null 2>&1 || break
    sleep 2
  done
  $sudo apt-get update -qq || fail "apt-get update failed."
  # The package's own service start is refused in a container (policy-rc.d); we start our own servers.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq clickhouse-server clickhouse-client >/dev/null \
    || fail "apt-get install clickhouse-server failed."
  server=$(command -v clickhouse-server || echo /usr/bin/clickhouse-server)
  [ -x "$server" ] || fail "clickhouse-server installed but not found."
}

shard_dir() { echo "$dir/shard$1"; }
http_port() { echo $((http1 + $1 - 1)); }

configure() { # shard number
  local n=$1 d
  d=$(shard_dir "$n")
  mkdir -p "$d/data" "$d/tmp" "$d/user_files" "$d/format_schemas" "$d/log"
  sed -e "s|@SHARD@|$n|g" -e "s|@DIR@|$d|g" \
      -e "s|@HTTP_PORT@|$(http_port "$n")|g" -e "s|@TCP_PORT@|$((tcp1 + n - 1))|g" \
      -e "s|@INTERSERVER_PORT@|$((tcp1 + 100 + n - 1))|g" \
      -e "s|@TCP_PORT_1@|$tcp1|g" -e "s|@TCP_PORT_2@|$((tcp1 + 1))|g" \
      deploy/clickhouse/config.xml.template > "$d/config.xml"
  cp deploy/clickhouse/users.xml "$d/users.xml"
}

running() { # shard number
  local pidfile
  pidfile="$(shard_dir "$1")/server.pid"
  [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

up() {
  install
  for n in 1 2; do
    configure "$n"
    if running "$n"; then continue; fi
    local d
    d=$(shard_dir "$n")
    # --daemon writes the pid file; a server started by an earlier `up` keeps serving.
    "$server" --config-file="$d/config.xml" --pid-file="$d/server.pid" --daemon \
      || fail "shard $n did not start; see $d/log/server.err.log"
  done
  for n in 1 2; do
    local url
    url="http://127.0.0.1:$(http_port "$n")/"
    for _ in $(seq 300); do
      curl -fsS "${url}ping" >/dev/null 2>&1 && break
      sleep 0.1
    done
    curl -fsS "${url}ping" >/dev/null 2>&1 || fail "shard $n is not answering at $url; see $(shard_dir "$n")/log/server.err.log"
  done
  echo "clickhouse: cluster duckmart up (2 shards): http://127.0.0.1:$http1/"
}

down() {
  for n in 1 2; do
    local pidfile pid
    pidfile="$(shard_dir "$n")/server.pid"
    [ -f "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    fi
    rm -f "$pidfile"
  done
  echo "clickhouse: cluster duckmart down"
}

case "${1:-}" in
  install) install ;;
  up) up ;;
  down) down ;;
  *) fail "usage: scripts/clickhouse.sh install|up|down" ;;
esac
