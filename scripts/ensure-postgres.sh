#!/usr/bin/env bash
# Makes a PostgreSQL server available for the integration tests and prints its
# admin URL on the last line. Uses TEST_PG_URL when it answers; otherwise starts a
# throwaway cluster on port 54329 (installing Debian's postgresql package as root
# when the binaries are missing). Prints what to run when it cannot.
set -euo pipefail

PORT="${ALLIES_TEST_PG_PORT:-54329}"
DATA_DIR="/tmp/allies-test-pg-${PORT}"
SOCKET_DIR="/tmp"

say() { echo "[postgres] $*" >&2; }

if [ -n "${TEST_PG_URL:-}" ]; then
  if node -e "const pg=require('pg');const c=new pg.Client({connectionString:process.env.TEST_PG_URL,connectionTimeoutMillis:3000});c.connect().then(()=>c.end()).then(()=>process.exit(0),()=>process.exit(1))" 2>/dev/null; then
    say "using TEST_PG_URL"
    echo "$TEST_PG_URL"
    exit 0
  fi
  say "TEST_PG_URL is set but does not answer; starting a throwaway server instead"
fi

find_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
BIN="$(find_bin)"
if [ -z "$BIN" ]; then
  if [ "$(id -u)" = "0" ]; then
    say "installing Debian's postgresql package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2 || true
    apt-get install -y -qq postgresql >&2
    BIN="$(find_bin)"
  else
    echo "PostgreSQL is needed for the integration tests and is not installed." >&2
    echo "Run: sudo apt-get install -y postgresql   (or set TEST_PG_URL=postgres://user:pass@host:port/db)" >&2
    exit 1
  fi
fi

as_pg() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

if ! "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" 2>/dev/null; then
  if [ ! -s "$DATA_DIR/PG_VERSION" ]; then
    rm -rf "$DATA_DIR"
    mkdir -p "$DATA_DIR"
    [ "$(id -u)" = "0" ] && chown postgres:postgres "$DATA_DIR"
    say "creating a throwaway cluster in $DATA_DIR"
    as_pg "$BIN/initdb" -D "$DATA_DIR" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  say "starting it on 127.0.0.1:$PORT"
  as_pg "$BIN/pg_ctl" -D "$DATA_DIR" -l "$DATA_DIR/server.log" -w -t 60 \
    -o "-p $PORT -k $SOCKET_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >&2
fi
echo "postgres://postgres@127.0.0.1:${PORT}/postgres"
