#!/usr/bin/env bash
# A throwaway PostgreSQL server for the store specs: a fresh cluster in a temporary folder,
# listening on 127.0.0.1 only, on a free port, with trust authentication (nothing but loopback
# can reach it, and it is deleted when stopped).
#
#   scripts/throwaway-postgres.sh dotnet test --filter "FullyQualifiedName~Postgres"
#       runs the command with CHAT_TEST_POSTGRES set, then stops and deletes the server.
#   . scripts/throwaway-postgres.sh; throwaway_postgres_start; ...; throwaway_postgres_stop
#       the same, in steps (.ci/run does this).
#
# Installs Debian's postgresql package when initdb is missing (as root). Run as root, the
# server runs as the postgres user: PostgreSQL refuses to run as root.

throwaway_postgres_bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$dir" ] && command -v pg_ctl >/dev/null; then
    dir=$(dirname "$(command -v pg_ctl)")
  fi
  echo "$dir"
}

# Runs a command as the server's owner: postgres when we are root, ourselves otherwise.
throwaway_postgres_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

throwaway_postgres_start() {
  local bindir port attempt
  bindir=$(throwaway_postgres_bindir)
  if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "PostgreSQL is not installed; installing Debian's postgresql package" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
    bindir=$(throwaway_postgres_bindir)
  fi

  THROWAWAY_PGDATA=$(mktemp -d /tmp/chat-postgres.XXXXXX)
  export THROWAWAY_PGDATA
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$THROWAWAY_PGDATA"
  fi
  # C.UTF-8 is always there, whatever locales the machine has.
  throwaway_postgres_as_owner "$bindir/initdb" -D "$THROWAWAY_PGDATA/data" -U postgres \
    --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$THROWAWAY_PGDATA/initdb.log" 2>&1 \
    || { cat "$THROWAWAY_PGDATA/initdb.log" >&2; return 1; }

  # A port that nothing listens on; pg_ctl fails if another process takes it first, so try again.
  for attempt in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      continue
    fi
    # fsync=off: a cluster deleted after the run has nothing to keep across a power loss, and
    # CREATE DATABASE per spec class is much faster without it. Commits still wait for the
    # server (synchronous_commit stays on), which is what the store's durability rests on.
    if throwaway_postgres_as_owner "$bindir/pg_ctl" -D "$THROWAWAY_PGDATA/data" -w -t 60 \
      -l "$THROWAWAY_PGDATA/server.log" \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$THROWAWAY_PGDATA -c fsync=off -c max_connections=200" \
      start >/dev/null; then
      export THROWAWAY_PGBIN=$bindir
      export CHAT_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
      echo "throwaway PostgreSQL on 127.0.0.1:$port (data in $THROWAWAY_PGDATA)" >&2
      return 0
    fi
  done
  cat "$THROWAWAY_PGDATA/server.log" >&2
  return 1
}

throwaway_postgres_stop() {
  if [ -n "${THROWAWAY_PGDATA:-}" ] && [ -d "$THROWAWAY_PGDATA" ]; then
    throwaway_postgres_as_owner "${THROWAWAY_PGBIN:-$(throwaway_postgres_bindir)}/pg_ctl" \
      -D "$THROWAWAY_PGDATA/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$THROWAWAY_PGDATA"
  fi
  unset THROWAWAY_PGDATA CHAT_TEST_POSTGRES
}

# Run as a script: start, run the command, stop whatever happened.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARGS...]   (runs COMMAND with CHAT_TEST_POSTGRES set)" >&2
    exit 2
  fi
  trap throwaway_postgres_stop EXIT
  throwaway_postgres_start
  "$@"
fi
