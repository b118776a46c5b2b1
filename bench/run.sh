#!/usr/bin/env bash
# The benchmark of issue 13 (bench/README.md): builds the app and the bench, starts the real app (one process per
# Connect flow, with its embedded Smartcar emulator), measures Smartcar calls per view, page latency and the refresh
# race; then (full run only) the refresh race across two app instances on one PostgreSQL database and the standalone
# emulator (a throw-away cluster from scripts/test-postgres.sh unless SMARTCARCLEAN_TEST_POSTGRES names one). Writes
# bench/results.md (or, with --smoke, artifacts/bench/smoke-results.md) and exits 1 when a target is missed (each
# named on stderr), 2 when it could not measure.
#   bench/run.sh                       the full run: N = 1, 10, 50 cars, 30 loads per latency, 200 in each race (Release)
#   bench/run.sh --smoke               N = 1 and 10, 5 loads, 50 in the race (Debug, as ./test.sh builds it)
#   bench/run.sh --no-build            use what is built
#   bench/run.sh --note "TEXT"         what the machine was doing, written into the results
#   bench/run.sh --out FILE            the results somewhere else
set -euo pipefail
cd "$(dirname "$0")/.."

configuration=Release
build=1
smoke=0
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) configuration=Debug; smoke=1; args+=(--smoke) ;;
    --no-build) build=0 ;;
    --note|--out) args+=("$1" "${2:?$1 needs a value}"); shift ;;
    *) echo "bench/run.sh: unknown argument $1 (see bench/README.md)" >&2; exit 2 ;;
  esac
  shift
done

if [ "$build" -eq 1 ]; then
  dotnet build bench/Bench/Bench.csproj -c "$configuration" -v quiet -nologo
fi
# The race across two instances (full run only) needs PostgreSQL: sourced, the script stops and deletes its cluster on exit.
if [ "$smoke" -eq 0 ] && [ -z "${SMARTCARCLEAN_TEST_POSTGRES:-}" ]; then
  source scripts/test-postgres.sh
fi
status=0
dotnet "bench/Bench/bin/$configuration/net10.0/SmartcarClean.Bench.dll" "${args[@]}" || status=$?
exit "$status"
