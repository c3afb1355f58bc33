#!/usr/bin/env bash
# Starts a real PostgreSQL for the database tests and prints its URL on the
# last line of stdout. Safe to run again: installs Debian's `postgresql` only
# when it is missing, starts the cluster only when it is down, and creates the
# role and database only when they do not exist yet. Runs as root (CI on a
# fresh Debian machine) or as a user allowed to sudo.
#
#   bash scripts/pg-test-server.sh   # -> postgres://studio:studio@127.0.0.1:5432/studio_test
#
# The role may create databases: each test file of lib/db/postgres makes its
# own throw-away database, so test files running in parallel never meet.
set -euo pipefail

ROLE=studio
PASSWORD=studio
DATABASE=studio_test
PORT=5432
URL="postgres://${ROLE}:${PASSWORD}@127.0.0.1:${PORT}/${DATABASE}"

log() { echo "pg-test-server: $*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    su postgres -s /bin/sh -c "cd / && $1"
  else
    sudo -u postgres sh -c "cd / && $1"
  fi
}

clusters() { ls /etc/postgresql 2>/dev/null | sort -V; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(clusters)" ]; then
  log "installing Debian's postgresql package"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq postgresql >/dev/null
fi

VERSION="$(clusters | tail -n 1)"
if [ -z "$VERSION" ]; then
  log "no PostgreSQL version found under /etc/postgresql after installing"
  exit 1
fi
# The package makes a "main" cluster unless createcluster.conf says otherwise.
if [ ! -d "/etc/postgresql/${VERSION}/main" ]; then
  log "creating cluster ${VERSION}/main"
  as_root pg_createcluster --port "$PORT" "$VERSION" main >/dev/null
fi

if pg_lsclusters --no-header "$VERSION" main 2>/dev/null | grep -q online; then
  log "cluster ${VERSION}/main already running"
else
  log "starting cluster ${VERSION}/main"
  # --skip-systemctl-redirect: no systemd here (containers, CI).
  out="$(as_root pg_ctlcluster --skip-systemctl-redirect "$VERSION" main start 2>&1)" || {
    case "$out" in
      *"already running"*) ;;
      *) echo "$out" >&2; exit 1 ;;
    esac
  }
fi

# Wait until it answers (a fresh start takes a moment).
for _ in $(seq 1 60); do
  if as_postgres "psql -p $PORT -qtAc 'select 1'" >/dev/null 2>&1; then break; fi
  sleep 0.5
done
as_postgres "psql -p $PORT -qtAc 'select 1'" >/dev/null

psql_admin() { as_postgres "psql -p $PORT -v ON_ERROR_STOP=1 -qtAc \"$1\""; }

if [ "$(psql_admin "select 1 from pg_roles where rolname = '${ROLE}'")" != "1" ]; then
  log "creating role ${ROLE}"
  psql_admin "create role ${ROLE} login createdb password '${PASSWORD}'"
else
  # Keep an existing role usable by the tests (password and CREATEDB).
  psql_admin "alter role ${ROLE} login createdb password '${PASSWORD}'"
fi

if [ "$(psql_admin "select 1 from pg_database where datname = '${DATABASE}'")" != "1" ]; then
  log "creating database ${DATABASE}"
  # UTF8 whatever the cluster's own default is (a machine without LANG gives
  # SQL_ASCII clusters); C.UTF-8 is built into Debian's glibc.
  psql_admin "create database ${DATABASE} owner ${ROLE} template template0 encoding 'UTF8' locale 'C.UTF-8'"
fi

echo "$URL"
