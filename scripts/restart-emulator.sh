#!/usr/bin/env bash
# Restarts the emulator on PORT (stop with SIGTERM, start again). With MOTCUA_EMULATOR_STATE_DIR set,
# as the fault run sets it, MiniStack saves its state on the way down and loads it on the way up.
#   bash scripts/restart-emulator.sh PORT
source "$(dirname "$0")/lib/common.sh"
PORT="${1:?usage: restart-emulator.sh PORT}"
stopped=$(date +%s)
stop_emulator "$PORT"
start_emulator "$PORT"
log "Emulator on $PORT restarted in $(( $(date +%s) - stopped )) s."
