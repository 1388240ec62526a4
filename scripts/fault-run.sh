#!/usr/bin/env bash
# The full fault run: a fresh emulator that keeps its state across restarts, the app deployed with
# fault injection, then bench/load.ts with N dossiers (client retries, same-key resends), the tier
# consumers and the mail sender failing RATE of their messages, a poison message on the commune
# queue and an emulator restart half-way. Afterwards every DLQ is redriven and the run is counted
# from the emulator's state: N dossiers (no receipt before reception), N routed, N mails, the poison message
# parked alone. The table and JSON (bench/results/) come from bench/load.ts.
#   bash scripts/fault-run.sh [N=10000] [RATE=0.05] [concurrency=8]
source "$(dirname "$0")/lib/common.sh"
N="${1:-10000}"; RATE="${2:-0.05}"; CONCURRENCY="${3:-8}"
ensure_node_packages
ensure_emulator
cd "$ROOT"
PORT="${MOTCUA_EMULATOR_PORT:-$(free_port)}"
export MOTCUA_EMULATOR_STATE_DIR="$LOCAL_DIR/state-$PORT"
rm -rf "$MOTCUA_EMULATOR_STATE_DIR"
trap 'stop_emulator "$PORT"; rm -rf "$MOTCUA_EMULATOR_STATE_DIR"' EXIT
start_emulator "$PORT"
use_emulator_credentials "$PORT"
OUTPUTS="$LOCAL_DIR/outputs-faults-$PORT.json"
deploy_app "$OUTPUTS" -c routingVisibilityTimeoutSeconds=10 \
  -c faultInjection="{\"tierConsumer\":$RATE,\"mailSender\":$RATE}"
log "Fault run: $N dossiers, $RATE of the handlers' messages failing, a poison message, a restart half-way…"
tsx bench/load.ts "$N" "$CONCURRENCY" 0.1 "$OUTPUTS" --fault-rate="$RATE" --poison \
  --restart="bash scripts/restart-emulator.sh $PORT" --settle=1800
