#!/usr/bin/env bash
# Makes sure Redis and PostgreSQL are installed for `npm run test:queue` (Debian's redis-server and postgresql
# packages). Installs them with apt-get when missing — which needs root and Debian's package mirror, so CI (no
# Debian packages there) cannot run test:queue. Prints the PostgreSQL bin folder on the last line.
set -euo pipefail
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
have() { command -v redis-server >/dev/null && [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ]; }
if ! have; then
  if [ "${CI:-}" = true ]; then
    echo "services.sh: redis-server or postgresql is missing and CI cannot install Debian packages; run npm run test:queue on a machine with apt-get" >&2
    exit 1
  fi
  [ "$(id -u)" = 0 ] || { echo "services.sh: redis-server/postgresql missing; install them: sudo apt-get install redis-server postgresql" >&2; exit 1; }
  echo "Installing redis-server and postgresql with apt-get (once per machine)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends redis-server postgresql >&2
  # (if the packages start system services of their own, they are left alone: the test runs its own instances
  # on free ports with throw-away data folders)
fi
have || { echo "services.sh: redis-server or PostgreSQL's initdb still missing" >&2; exit 1; }
pg_bin
