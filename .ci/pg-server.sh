#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 server on a free loopback port and prints its URL on stdout.
# Usage: eval "$(.ci/pg-server.sh start)"  → sets PG_TEST_URL, PG_TEST_DATA; .ci/pg-server.sh stop "$PG_TEST_DATA"
# initdb refuses to run as root, so as root the server runs as the `postgres` user.
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}

as_owner() {
  if [ "$(id -u)" = "0" ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi
}

case "${1:-}" in
  start)
    if [ ! -x "$PGBIN/initdb" ]; then
      echo "PostgreSQL 15 not found; installing Debian's postgresql package" >&2
      if [ "$(id -u)" = "0" ]; then apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
      else sudo apt-get update -qq >&2 && sudo apt-get install -y -qq postgresql >&2; fi
    fi
    data=$(mktemp -d /tmp/fk-pg-XXXXXX)
    [ "$(id -u)" = "0" ] && chown postgres:postgres "$data"
    port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
    as_owner "'$PGBIN/initdb' -D '$data/db' -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null"
    as_owner "'$PGBIN/pg_ctl' -D '$data/db' -l '$data/server.log' -w -o \"-p $port -k '$data' -c listen_addresses=127.0.0.1 -c max_connections=300 ${PG_EXTRA_OPTS:-}\" start >/dev/null"
    echo "export PG_TEST_URL=postgres://postgres@127.0.0.1:$port/postgres PG_TEST_DATA=$data"
    ;;
  stop)
    data=${2:?data folder}
    as_owner "'$PGBIN/pg_ctl' -D '$data/db' -m fast -w stop >/dev/null" || true
    rm -rf "$data"
    ;;
  *)
    echo "usage: $0 start | stop DATA" >&2
    exit 2
    ;;
esac
