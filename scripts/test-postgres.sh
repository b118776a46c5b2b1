#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: initdb into a temporary directory, listening on a free loopback port
# only, with a random password, and deleted when it stops. Installs Debian's PostgreSQL when initdb/pg_ctl are missing.
#
#   scripts/test-postgres.sh dotnet test tests/Unit     # runs the command with a cluster, then stops and deletes it
#   source scripts/test-postgres.sh                     # starts one for this shell; stopped when the shell exits
#
# Either way SMARTCARCLEAN_TEST_POSTGRES holds the cluster's connection string (database "postgres", user "postgres");
# the tests create a database of their own on it. ./test.sh sources this file.

test_postgres_bin() {
  # Debian's package does not put initdb and pg_ctl on PATH: they are in /usr/lib/postgresql/<version>/bin.
  if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    dirname "$(command -v pg_ctl)"
    return
  fi
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$bin" ] && [ -x "$bin/initdb" ] && [ -x "$bin/pg_ctl" ] && echo "$bin"
}

test_postgres_install() {
  echo "Installing Debian's postgresql for the database tests..."
  local sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >/dev/null
}

# Runs a PostgreSQL program as the cluster's owner: initdb refuses to run as root, so root hands it to "postgres".
test_postgres_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

test_postgres_free_port() {
  local port
  for _ in $(seq 50); do
    port=$(( 20000 + RANDOM % 40000 ))
    # Nothing answers on it: free (8000, 8001 and 8010 are outside the range).
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  return 1
}

test_postgres_start() {
  local bin
  bin=$(test_postgres_bin) || true
  if [ -z "$bin" ]; then
    test_postgres_install
    bin=$(test_postgres_bin) || { echo "PostgreSQL was installed but initdb/pg_ctl are not found." >&2; return 1; }
  fi

  TEST_POSTGRES_DIR=$(mktemp -d "${TMPDIR:-/tmp}/smartcarclean-postgres.XXXXXX")
  export TEST_POSTGRES_DIR
  local password
  password=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
  printf '%s\n' "$password" >"$TEST_POSTGRES_DIR/pwfile"
  mkdir "$TEST_POSTGRES_DIR/data"
  if [ "$(id -u)" -eq 0 ]; then
    chown -R postgres: "$TEST_POSTGRES_DIR"
  fi

  test_postgres_as_owner "$bin/initdb" -D "$TEST_POSTGRES_DIR/data" -U postgres --pwfile="$TEST_POSTGRES_DIR/pwfile" \
    --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >"$TEST_POSTGRES_DIR/initdb.log" 2>&1 \
    || { cat "$TEST_POSTGRES_DIR/initdb.log" >&2; return 1; }
  rm -f "$TEST_POSTGRES_DIR/pwfile"

  # A test cluster: nothing it holds must survive a crash, so durability is traded for speed.
  local port started=""
  for _ in 1 2 3; do
    port=$(test_postgres_free_port) || break
    if test_postgres_as_owner "$bin/pg_ctl" -D "$TEST_POSTGRES_DIR/data" -l "$TEST_POSTGRES_DIR/server.log" -w -t 30 start \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$TEST_POSTGRES_DIR' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      >/dev/null; then
      started=yes
      break
    fi
  done
  if [ -z "$started" ]; then
    cat "$TEST_POSTGRES_DIR/server.log" >&2 2>/dev/null || true
    echo "The test PostgreSQL cluster did not start." >&2
    return 1
  fi

  TEST_POSTGRES_PG_CTL="$bin/pg_ctl"
  export TEST_POSTGRES_PG_CTL
  export SMARTCARCLEAN_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=$password;Database=postgres"
  echo "Test PostgreSQL $("$bin/pg_ctl" --version | awk '{ print $3 }') on 127.0.0.1:$port (data: $TEST_POSTGRES_DIR/data)"
}

test_postgres_stop() {
  if [ -n "${TEST_POSTGRES_DIR:-}" ] && [ -d "$TEST_POSTGRES_DIR" ]; then
    test_postgres_as_owner "$TEST_POSTGRES_PG_CTL" -D "$TEST_POSTGRES_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$TEST_POSTGRES_DIR"
  fi
  unset TEST_POSTGRES_DIR SMARTCARCLEAN_TEST_POSTGRES
}

if [ "${BASH_SOURCE[0]}" != "$0" ]; then
  # Sourced: a cluster for the sourcing shell, stopped and deleted when it exits, whether it succeeds, fails or is interrupted.
  test_postgres_start || return 1
  trap test_postgres_stop EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
else
  set -euo pipefail
  if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARGS...]   (e.g. $0 dotnet test tests/Unit), or: source $0" >&2
    exit 2
  fi
  trap test_postgres_stop EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  test_postgres_start
  "$@"
fi
