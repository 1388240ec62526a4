# Shared by the start and test commands: installs what the project needs and manages the local
# AWS emulator (MiniStack) by pid. Source it; do not run it.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
LOCAL_DIR="$ROOT/.local"
MINISTACK_VERSION="1.5.33"
CRYPTOGRAPHY_VERSION="50.0.2"
SCHEMATHESIS_VERSION="4.32.5"
FUZZ_VENV_DIR="$LOCAL_DIR/fuzz-venv"
VENV_DIR="${MOTCUA_VENV:-$LOCAL_DIR/venv}"
mkdir -p "$LOCAL_DIR"

log() { printf '\033[1m[motcua]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[motcua] %s\033[0m\n' "$*" >&2; exit 1; }

# Node packages. `npm ci` refuses this lock file on registries that do not serve every platform's
# optional binaries (esbuild, rollup, biome), so the lock file is installed with `npm install`,
# which still resolves exactly the locked versions.
ensure_node_packages() {
  local marker="$ROOT/node_modules/.motcua-installed"
  if [[ ! -f "$marker" || "$ROOT/package-lock.json" -nt "$marker" || "$ROOT/package.json" -nt "$marker" ]]; then
    log "Installing Node packages (npm install from package-lock.json)…"
    (cd "$ROOT" && npm install --no-audit --no-fund --loglevel=error)
    touch "$marker"
  fi
  export PATH="$ROOT/node_modules/.bin:$PATH"
  local version
  version="$(node --version)"
  [[ "$version" == v22.* ]] || die "Node 22 is expected from node_modules/.bin (npm package node@22), found $version"
}

# A venv of its own for the API fuzzer (schemathesis), so its dependencies never move the emulator's.
ensure_fuzzer() {
  if [[ "$("$FUZZ_VENV_DIR/bin/pip" show schemathesis 2>/dev/null | awk '/^Version:/{print $2}')" != "$SCHEMATHESIS_VERSION" ]]; then
    log "Creating the fuzzer venv with schemathesis==$SCHEMATHESIS_VERSION…"
    python3 -m venv "$FUZZ_VENV_DIR"
    "$FUZZ_VENV_DIR/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  fi
}

# Python venv with the pinned emulator. python3-venv is installed from Debian when it is missing.
ensure_emulator() {
  if [[ ! -x "$VENV_DIR/bin/python" ]] || ! "$VENV_DIR/bin/python" -c 'import ministack' 2>/dev/null \
     || [[ "$("$VENV_DIR/bin/pip" show ministack 2>/dev/null | awk '/^Version:/{print $2}')" != "$MINISTACK_VERSION" ]]; then
    if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' 2>/dev/null; then
      log "Installing python3-venv…"
      apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
    fi
    log "Creating the emulator venv with ministack==$MINISTACK_VERSION…"
    python3 -m venv "$VENV_DIR"
    "$VENV_DIR/bin/pip" install --quiet --disable-pip-version-check \
      "ministack==$MINISTACK_VERSION" "cryptography==$CRYPTOGRAPHY_VERSION"
  fi
}

port_in_use() {
  python3 - "$1" <<'PY'
import socket, sys
s = socket.socket()
# Connections of a just-stopped emulator linger in TIME_WAIT; only a listener means the port is taken.
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(0)
finally:
    s.close()
sys.exit(1)
PY
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# start_emulator PORT: starts MiniStack on 127.0.0.1:PORT with Node 22 first on PATH (it runs
# Lambdas with the `node` it finds) and waits for its health endpoint.
start_emulator() {
  local port="$1"
  if port_in_use "$port"; then
    die "Port $port is already in use (another emulator?). Stop it, or choose a port: MOTCUA_EMULATOR_PORT=4567 npm start"
  fi
  local pidfile="$LOCAL_DIR/ministack-$port.pid" logfile="$LOCAL_DIR/ministack-$port.log"
  log "Starting MiniStack $MINISTACK_VERSION on 127.0.0.1:$port (log: ${logfile#"$ROOT"/})…"
  # With MOTCUA_EMULATOR_STATE_DIR set, MiniStack saves its state there when stopped (SIGTERM) and
  # loads it when started again: the fault run restarts the emulator in the middle of a run this way.
  local persistence=()
  if [[ -n "${MOTCUA_EMULATOR_STATE_DIR:-}" ]]; then
    mkdir -p "$MOTCUA_EMULATOR_STATE_DIR/s3"
    persistence=(PERSIST_STATE=1 STATE_DIR="$MOTCUA_EMULATOR_STATE_DIR" S3_PERSIST=1 S3_DATA_DIR="$MOTCUA_EMULATOR_STATE_DIR/s3")
  else
    : >"$logfile"
  fi
  (
    cd "$LOCAL_DIR"
    env "${persistence[@]}" BIND_HOST=127.0.0.1 GATEWAY_PORT="$port" IOT_MTLS_ENABLED=0 \
      PATH="$ROOT/node_modules/.bin:$PATH" \
      nohup "$VENV_DIR/bin/python" -m ministack >>"$logfile" 2>&1 &
    echo $! >"$pidfile"
  )
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/_ministack/health" >/dev/null 2>&1; then
      export EMULATOR_PID; EMULATOR_PID="$(cat "$pidfile")"
      return 0
    fi
    if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      tail -n 30 "$logfile" >&2
      die "MiniStack exited during start-up"
    fi
    sleep 0.5
  done
  die "MiniStack did not become healthy within 60 s (see $logfile)"
}

stop_emulator() {
  local port="$1" pidfile="$LOCAL_DIR/ministack-$1.pid"
  [[ -f "$pidfile" ]] || return 0
  local pid; pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    log "Stopping MiniStack (pid $pid)…"
    kill -TERM "$pid" 2>/dev/null || true
    # A persistent emulator writes its whole state on the way out: give it time (seconds, at 4 a second).
    local waits=20
    if [[ -n "${MOTCUA_EMULATOR_STATE_DIR:-}" ]]; then waits=240; fi
    for _ in $(seq 1 "$waits"); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
    # Lambda workers are children of the emulator; none may outlive it.
    pkill -KILL -P "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

# Credentials the emulator accepts; real AWS deployments use the caller's own profile instead.
use_emulator_credentials() {
  export AWS_ENDPOINT_URL="http://127.0.0.1:$1"
  export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
  export CDK_DEFAULT_ACCOUNT=000000000000 CDK_DEFAULT_REGION=us-east-1
}

# report_deploy_progress PID LOG: every 10 s while the deploy runs, one line of what it has done so far
# (functions bundled, stacks deployed, resources created), read from cdk's own log.
report_deploy_progress() {
  local pid="$1" logfile="$2" started
  started=$(date +%s)
  while kill -0 "$pid" 2>/dev/null; do
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
    local bundled stacks total resources
    bundled=$(grep -c '^Bundling asset' "$logfile" 2>/dev/null || true)
    stacks=$(grep -c '^✅' "$logfile" 2>/dev/null || true)
    total=$({ grep -o 'deploying\.\.\. \[[0-9]*/[0-9]*\]' "$logfile" 2>/dev/null || true; } | tail -n 1 | sed 's/.*\/\([0-9]*\)\]/\1/')
    resources=$(grep -c 'CREATE_COMPLETE\|UPDATE_COMPLETE' "$logfile" 2>/dev/null || true)
    log "  … $(( $(date +%s) - started )) s: ${bundled:-0} functions bundled, ${stacks:-0}/${total:-?} stacks deployed, ${resources:-0} resources created or updated"
  done
}

# deploy_app OUTPUTS_FILE [CDK ARGS…]: bootstrap, deploy every stack, check the emulator kept what was asked, seed.
deploy_app() {
  local outputs="$1"; shift
  log "Bootstrapping CDK in ${AWS_ENDPOINT_URL:-AWS}…"
  (cd "$ROOT" && cdk bootstrap "aws://${CDK_DEFAULT_ACCOUNT}/${AWS_REGION}" --quiet >"$LOCAL_DIR/bootstrap.log" 2>&1) \
    || { tail -n 40 "$LOCAL_DIR/bootstrap.log" >&2; die "cdk bootstrap failed"; }
  # The emulator cannot associate a WAF web ACL, has no X-Ray, refuses alarms on metric queries, and
  # every local test calls from 127.0.0.1: one test's deliberate wrong lookup secrets must not lock the
  # next out (the per-code lock still applies).
  local emulator=()
  [[ -n "${AWS_ENDPOINT_URL:-}" ]] &&
    emulator=(-c webAcl=false -c tracing=false -c alarms=false -c lookupThrottleExemptSources='["127.0.0.1"]')
  log "Deploying all stacks (full log: ${LOCAL_DIR#"$ROOT"/}/deploy.log)…"
  (cd "$ROOT" && cdk deploy --all --require-approval never --concurrency 2 --outputs-file "$outputs" "${emulator[@]}" "$@" >"$LOCAL_DIR/deploy.log" 2>&1) &
  local deploy_pid=$!
  report_deploy_progress "$deploy_pid" "$LOCAL_DIR/deploy.log"
  wait "$deploy_pid" \
    || { tail -n 60 "$LOCAL_DIR/deploy.log" >&2; die "cdk deploy failed (full log: .local/deploy.log)"; }
  (cd "$ROOT" && tsx scripts/check-deployment.ts "$outputs")
  log "Seeding reference data…"
  (cd "$ROOT" && tsx scripts/seed.ts "$outputs")
}

# OpenSSL checks signatures and certificate requests the way an outside verifier would.
ensure_openssl() {
  command -v openssl >/dev/null && return 0
  log "Installing openssl…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openssl >/dev/null
}

# Browser tests drive Debian's Chromium through playwright-core (browser downloads are not possible here).
ensure_chromium() {
  if [[ -x /usr/bin/chromium ]]; then return 0; fi
  command -v apt-get >/dev/null || die "Chromium is needed for the browser tests: install it as /usr/bin/chromium"
  log "Installing Debian's chromium for the browser tests…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
}
