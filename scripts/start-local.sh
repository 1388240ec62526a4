#!/usr/bin/env bash
# Starts the whole platform locally: emulator up, CDK app deployed into it, reference data seeded,
# URLs printed; runs until Ctrl-C, then stops the emulator.
source "$(dirname "$0")/lib/common.sh"

started=$(date +%s)
PORT="${MOTCUA_EMULATOR_PORT:-4566}"
OUTPUTS="$LOCAL_DIR/outputs-local.json"

ensure_node_packages
ensure_emulator
trap 'stop_emulator "$PORT"' EXIT
trap 'exit 130' INT TERM
start_emulator "$PORT"
use_emulator_credentials "$PORT"
# Local receivers on loopback may subscribe to webhooks here (never in AWS, where the list is empty).
deploy_app "$OUTPUTS" -c webhookAllowedPrivateAddresses='["127.0.0.1"]'
# The schedule runs it every 15 minutes; once now, so the dashboard has its rows from the start.
log "Publishing the first KPI figures…"
(cd "$ROOT" && tsx -e "
  import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
  import { output, readOutputs } from './scripts/lib/outputs.ts';
  const run = new InvokeCommand({ FunctionName: output(readOutputs('$OUTPUTS'), 'Kpi', 'AggregatorFunctionName') });
  new LambdaClient({}).send(run).then((answer) => {
    if (answer.FunctionError) throw new Error(new TextDecoder().decode(answer.Payload));
  }).catch((error) => { console.error(error); process.exit(1); });
") || log "The first KPI run failed; the schedule will publish within 15 minutes."

api="$(cd "$ROOT" && tsx -e "import { apiBaseUrl, readOutputs } from './scripts/lib/outputs.ts'; console.log(apiBaseUrl(readOutputs('$OUTPUTS'), process.env.AWS_ENDPOINT_URL))")"
cat <<MSG

  Một cửa điện tử liên thông is running locally (ready $(( $(date +%s) - started )) s after the command started).

  Citizen form:   ${api}
  API base URL:   ${api}
  OpenAPI:        ${api}openapi.json
  Emulator:       ${AWS_ENDPOINT_URL}  (mail sent: ${AWS_ENDPOINT_URL}/_ministack/ses/messages)
  Dashboard:      ${api}dashboard
  Workspace:      ${api}workspace   (officers)
  CDK outputs:    ${OUTPUTS#"$ROOT"/}

  First officer (in another terminal):
    npm run officer -- quan-tri-1 quan-tri-1@thanhhoa.gov.vn 000.00.22.H56
    It prints the temporary password; the invitation is also in the mail sent (above).

  Press Ctrl-C to stop.
MSG
while kill -0 "$EMULATOR_PID" 2>/dev/null; do sleep 2; done
die "The emulator stopped unexpectedly (see .local/ministack-$PORT.log)"
