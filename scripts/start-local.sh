#!/usr/bin/env bash
# Starts the whole platform locally: emulator up, CDK app deployed into it, reference data seeded,
# URLs printed; runs until Ctrl-C, then stops the emulator.
source "$(dirname "$0")/lib/common.sh"

PORT="${MOTCUA_EMULATOR_PORT:-4566}"
OUTPUTS="$LOCAL_DIR/outputs-local.json"

ensure_node_packages
ensure_emulator
trap 'stop_emulator "$PORT"' EXIT
trap 'exit 130' INT TERM
start_emulator "$PORT"
use_emulator_credentials "$PORT"
started=$(date +%s)
# Local receivers on loopback may subscribe to webhooks here (never in AWS, where the list is empty).
deploy_app "$OUTPUTS" -c webhookAllowedPrivateAddresses='["127.0.0.1"]'

api="$(cd "$ROOT" && tsx -e "import { apiBaseUrl, readOutputs } from './scripts/lib/outputs.ts'; console.log(apiBaseUrl(readOutputs('$OUTPUTS'), process.env.AWS_ENDPOINT_URL))")"
cat <<MSG

  Một cửa điện tử liên thông is running locally (deployed in $(( $(date +%s) - started )) s).

  Citizen form:   ${api}
  API base URL:   ${api}
  OpenAPI:        ${api}openapi.json
  Emulator:       ${AWS_ENDPOINT_URL}  (mail sent: ${AWS_ENDPOINT_URL}/_ministack/ses/messages)
  CDK outputs:    ${OUTPUTS#"$ROOT"/}

  Press Ctrl-C to stop.
MSG
while kill -0 "$EMULATOR_PID" 2>/dev/null; do sleep 2; done
die "The emulator stopped unexpectedly (see .local/ministack-$PORT.log)"
