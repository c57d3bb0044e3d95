# Sourced by .ci/run: a throw-away PostgreSQL cluster for the store tests and the store bench.
#
# pg_start makes one with initdb in a temporary folder owned by an unprivileged user (PostgreSQL
# refuses to run as root), listening on a free loopback port with a random password, creates the
# database and exports NEWSPRISM_TEST_PG; it installs Debian's server with apt-get when missing
# and running as root. pg_stop stops the server and removes the folder; the caller traps it.

pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  fi
  echo "$bin"
}

pg_as_owner() {  # run "$@" as the cluster's owner
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  PG_BIN=$(pg_bin)
  if [ -z "$PG_BIN" ]; then
    echo "PostgreSQL server not found: the PostgreSQL store tests will be skipped" >&2
    return 0
  fi
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin postgres
  fi
  PG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/newsprism-pg.XXXXXX")
  local port password
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
  printf '%s\n' "$password" >"$PG_DIR/pwfile"
  chmod 600 "$PG_DIR/pwfile"
  [ "$(id -u)" = 0 ] && chown -R postgres "$PG_DIR"
  pg_as_owner "$PG_BIN/initdb" -D "$PG_DIR/data" -U newsprism --pwfile="$PG_DIR/pwfile" \
    --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >"$PG_DIR/initdb.log"
  # Durability off: the cluster lives for one test run.
  pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -o \
    "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
  PGPASSWORD=$password "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U newsprism newsprism
  export NEWSPRISM_TEST_PG="postgresql://newsprism:$password@127.0.0.1:$port/newsprism"
}

pg_stop() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR" ]; then
    pg_as_owner "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
