#!/usr/bin/env bash
# Runs every check: lint, types, unit and CDK template tests, then deploys the app into a fresh
# emulator on a free port and runs the integration, end-to-end and browser tests against it.
source "$(dirname "$0")/lib/common.sh"

started=$(date +%s)
ensure_node_packages
cd "$ROOT"

log "Lint and format (Biome)…"
biome check .
log "Type check (tsc --strict)…"
tsc --noEmit -p tsconfig.json

RESULTS="$LOCAL_DIR/test-results"
rm -rf "$RESULTS" && mkdir -p "$RESULTS"
log "Unit and CDK template tests…"
vitest run --project unit --project infra --reporter=default --reporter=json --outputFile="$RESULTS/offline.json"

ensure_emulator
ensure_chromium
ensure_openssl
ensure_fuzzer
PORT="${MOTCUA_EMULATOR_PORT:-$(free_port)}"
trap 'stop_emulator "$PORT"' EXIT
start_emulator "$PORT"
use_emulator_credentials "$PORT"
export MOTCUA_OUTPUTS="$LOCAL_DIR/outputs-test-$PORT.json"
deploy_started=$(date +%s)
# A routing or mail message whose function timed out comes back after 10 s instead of 60 s; two
# signing key generations (one retired) let the tests prove that rotation keeps old signatures valid;
# webhook retries come after 1–2 s instead of minutes, and the tests' receivers on loopback are allowed.
# Fault injection is deployed at rate 0: every test runs without faults except the fault test, which
# raises the rates for its own short run and sets them back (test files run one at a time). Functions
# re-read the working calendar after 1 s, so a day off the calendar test sets applies at once.
deploy_app "$MOTCUA_OUTPUTS" -c routingVisibilityTimeoutSeconds=10 -c calendarCacheSeconds=1 \
  -c signingKeys='[{"id":"k1","validFrom":"2026-01-01","retiredAt":"2026-11-01"},{"id":"k2","validFrom":"2026-11-01"}]' \
  -c webhookRetrySchedule='[1,2,2]' -c webhookTimeoutMs=2000 -c webhookAllowedPrivateAddresses='["127.0.0.1"]' \
  -c faultInjection='{"tierConsumer":0,"mailSender":0}'
log "Deployed into the emulator in $(( $(date +%s) - deploy_started )) s."

log "Integration, end-to-end and browser tests against the deployed app…"
status=0
vitest run --project deployed --reporter=default --reporter=json --outputFile="$RESULTS/deployed.json" || status=$?

node -e '
  const fs = require("node:fs");
  let passed = 0, failed = 0, skipped = 0;
  // Only the JSON reports: browser tests keep their screenshots in a folder beside them.
  for (const file of fs.readdirSync(process.argv[1]).filter((name) => name.endsWith(".json"))) {
    const r = JSON.parse(fs.readFileSync(`${process.argv[1]}/${file}`, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests; skipped += r.numPendingTests + r.numTodoTests;
    // A file that failed to load has no failed test of its own: count it as one failure.
    failed += r.testResults.filter((f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed")).length;
  }
  console.log(`\nAll tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
' "$RESULTS"
log "Finished in $(( $(date +%s) - started )) s."
exit "$status"
