#!/usr/bin/env bash
# The first officer of a local run, in one command (`npm start` must be running):
#   npm run officer -- <username> <e-mail> [agency code] [roles]
# Invites the officer into the emulator's user pool and Officers table, then prints the workspace's
# address and the temporary password from the invitation the emulator delivered. For AWS, use
# scripts/officers.ts with the deployment's outputs file (docs/operations.md#officers).
source "$(dirname "$0")/lib/common.sh"

username="${1:-}"; email="${2:-}"; agency="${3:-000.00.22.H56}"; roles="${4:-quan_tri,tiep_nhan,chuyen_vien,lanh_dao}"
[[ -n "$username" && -n "$email" ]] || die "usage: npm run officer -- <username> <e-mail> [agency code] [roles]"
PORT="${MOTCUA_EMULATOR_PORT:-4566}"
OUTPUTS="$LOCAL_DIR/outputs-local.json"
[[ -f "$OUTPUTS" ]] || die "No local deployment found ($OUTPUTS): run npm start first."
use_emulator_credentials "$PORT"
curl -fsS -o /dev/null "$AWS_ENDPOINT_URL/_ministack/health" 2>/dev/null \
  || die "The emulator does not answer on port $PORT: run npm start first (or set MOTCUA_EMULATOR_PORT)."
cd "$ROOT"
tsx scripts/officers.ts "$OUTPUTS" invite "$username" --email "$email" --agency "$agency" --roles "$roles"
tsx scripts/workspace-address.ts "$OUTPUTS" "$username"
