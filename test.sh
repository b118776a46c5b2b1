#!/usr/bin/env bash
# Runs every test of SmartcarClean on a fresh machine: installs Debian's Chromium (and PostgreSQL) when missing, restores,
# builds, runs the unit, the emulator's and the browser acceptance tests and the benchmark's smoke run (bench/),
# prints "Acceptance: N scenarios, X s per scenario" and "N passed, N failed, N skipped", and exits non-zero on any
# failure. The acceptance reports (HTML, JUnit, TRX, Cucumber Messages) and, for each failed scenario, its
# screenshot, Playwright trace and emulator request log go to artifacts/acceptance/.
set -euo pipefail
cd "$(dirname "$0")"

# The scenarios run in chromium-headless-shell (Chromium's lighter headless build); HEADED=1 runs them in chromium.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromium-headless-shell ]; then
  echo "Installing Debian's chromium and chromium-headless-shell for the browser tests..."
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-headless-shell >/dev/null
fi

# The tests that touch a database run on SQLite and on PostgreSQL: a throw-away cluster on a loopback port, stopped
# and deleted when this script exits (installs Debian's postgresql when it is missing).
source scripts/test-postgres.sh

results="$PWD/artifacts/test-results"
rm -rf "$results" artifacts/acceptance
export ACCEPTANCE_ARTIFACTS="$PWD/artifacts/acceptance"
mkdir -p "$results" "$ACCEPTANCE_ARTIFACTS"

dotnet restore SmartcarClean.sln
dotnet build SmartcarClean.sln --no-restore
status=0
dotnet test tests/Unit --no-build --logger "trx;LogFileName=Unit.trx" --results-directory "$results" || status=$?
dotnet test tests/Emulator.Tests --no-build --logger "trx;LogFileName=Emulator.Tests.trx" --results-directory "$results" || status=$?
started=$(date +%s)
dotnet test tests/Acceptance --no-build --results-directory "$ACCEPTANCE_ARTIFACTS" \
  --logger "trx;LogFileName=acceptance.trx" --logger "junit;LogFilePath=$ACCEPTANCE_ARTIFACTS/junit.xml;FailureBodyFormat=Verbose" || status=$?
elapsed=$(( $(date +%s) - started ))
# Scenarios: the executed scenario test cases (not the bridge's own tests); time: the run's wall time divided by them.
scenarios=$(grep -o '<UnitTestResult [^>]*outcome="[A-Za-z]*"' "$ACCEPTANCE_ARTIFACTS/acceptance.trx" 2>/dev/null \
  | grep -v 'testName="SmartcarClean.Acceptance.BridgeTests' | grep -vc 'outcome="NotExecuted"' || true)
if [ "${scenarios:-0}" -gt 0 ]; then
  awk -v n="$scenarios" -v s="$elapsed" 'BEGIN { printf "Acceptance: %d scenarios, %.1f s per scenario\n", n, s / n }'
fi
echo "Acceptance suite: $elapsed s. Report: $ACCEPTANCE_ARTIFACTS/report.html (Cucumber's HTML report; cucumber.ndjson, junit.xml, acceptance.trx and failure files beside it)"

# The benchmark's smoke run (bench/README.md): Smartcar calls per view, latency under delay, the refresh race.
started=$(date +%s)
if ! bench/run.sh --smoke --no-build; then
  echo "Benchmark smoke run FAILED: a target was missed or it could not measure (see the lines above, bench/README.md)"
  status=1
fi
echo "Benchmark smoke run: $(( $(date +%s) - started )) s. Results: artifacts/bench/smoke-results.md, the app's log beside it"

# One plain closing line, summed over every test project's TRX file.
count() { grep -ho "$1=\"[0-9]*\"" "$results"/*.trx "$ACCEPTANCE_ARTIFACTS"/*.trx 2>/dev/null | grep -o '[0-9]*' | awk '{ s += $1 } END { print s + 0 }'; }
passed=$(count passed)
failed=$(count failed)
total=$(count executed)
skipped=$(( $(count total) - total ))
if [ "$total" -eq 0 ]; then
  echo "No test ran."
  status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
