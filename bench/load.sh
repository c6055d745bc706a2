#!/usr/bin/env bash
# Load benchmark for the Loanbook API on the demo book.
#
#   bash bench/load.sh
#
# Builds the release binary (unless LOANBOOK_BIN is given), loads the demo book
# into a fresh temp data dir, starts the server on a free loopback port, logs in
# as demo-cashier and runs wrk against five endpoints. Writes bench/results.txt
# (overwritten) and stops the server and removes the temp dir on exit.
#
# Settings (environment):
#   LOANBOOK_BIN       use this binary instead of building one
#   CARGO_TARGET_DIR   target dir for the build (default /tmp/t-bench)
#   BENCH_DURATION     wrk duration per endpoint, seconds (default 20)
#   BENCH_CONNECTIONS  wrk connections (default 32)
#   BENCH_THREADS      wrk threads (default 2)
#   BENCH_TIMEOUT      wrk per-request timeout, seconds (default 10)
#   BENCH_OUT          result file (default bench/results.txt)
#   BENCH_KEEP_TMP=1   keep the temp dir (data, server log, wrk output)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
DURATION=${BENCH_DURATION:-20}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
TIMEOUT=${BENCH_TIMEOUT:-10}
OUT=${BENCH_OUT:-$BENCH_DIR/results.txt}
LUA=$BENCH_DIR/wrk.lua
BODY=$BENCH_DIR/schedule-preview.json

die() { echo "load.sh: $*" >&2; exit 1; }
log() { echo "[load.sh] $*" >&2; }

for tool in wrk curl jq; do
    command -v "$tool" >/dev/null || die "$tool is required (apt-get install -y $tool)"
done
[[ $DURATION =~ ^[0-9]+$ && $DURATION -gt 0 ]] || die "BENCH_DURATION must be a positive integer"

# --- temp dir, server, cleanup -------------------------------------------------
TMP=$(mktemp -d /tmp/loanbook-bench.XXXXXX)
SERVER_PID=""
cleanup() {
    local rc=$?
    if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ ${BENCH_KEEP_TMP:-0} == 1 ]]; then
        log "kept $TMP"
    else
        rm -rf "$TMP"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- binary ----------------------------------------------------------------------
if [[ -n ${LOANBOOK_BIN:-} ]]; then
    BIN=$LOANBOOK_BIN
else
    export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/tmp/t-bench}
    log "building release binary into $CARGO_TARGET_DIR"
    (cd "$REPO" && cargo build --release -p loanbook-api)
    BIN=$CARGO_TARGET_DIR/release/loanbook
fi
[[ -x $BIN ]] || die "no executable at $BIN"

# --- demo book -------------------------------------------------------------------
DATA=$TMP/data
mkdir -p "$DATA"
# Keep the server and the demo on the defaults except for what we set here.
unset LOANBOOK_DATABASE_URL LOANBOOK_BIND LOANBOOK_ADMIN_PASSWORD LOANBOOK_JWT_SECRET
log "loading the demo book into $DATA"
t0=$(date +%s.%N)
LOANBOOK_DATA_DIR=$DATA RUST_LOG=warn "$BIN" demo >"$TMP/demo.log" 2>&1 \
    || { cat "$TMP/demo.log" >&2; die "loanbook demo failed"; }
t1=$(date +%s.%N)
DEMO_WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
DEMO_REPORTED=$(sed -n 's/^Loaded the demo book in \([0-9.]*\) s.*/\1/p' "$TMP/demo.log" | head -1)
DB_SIZE=$(du -sh "$DATA" | cut -f1)
log "demo loaded in ${DEMO_WALL}s wall (${DEMO_REPORTED:-?}s reported), data dir $DB_SIZE"

# --- server ----------------------------------------------------------------------
free_port() {
    if command -v python3 >/dev/null; then
        python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
    else
        local p
        for _ in $(seq 100); do
            p=$((20000 + RANDOM % 40000))
            (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
        done
        die "no free port found"
    fi
}
PORT=$(free_port)
BASE=http://127.0.0.1:$PORT
# Access tokens must outlive the whole run (5 endpoints x duration + slack).
TOKEN_SECONDS=$((DURATION * 10 + 600))
log "starting the server on $BASE"
LOANBOOK_DATA_DIR=$DATA LOANBOOK_BIND=127.0.0.1:$PORT LOANBOOK_LOG_FORMAT=json RUST_LOG=warn \
    LOANBOOK_ACCESS_TOKEN_SECONDS=$TOKEN_SECONDS \
    "$BIN" serve >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
for i in $(seq 300); do
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/server.log" >&2; die "the server exited"; }
    curl -fsS --max-time 1 "$BASE/health/live" >/dev/null 2>&1 && break
    [[ $i == 300 ]] && die "the server did not answer /health/live within 30 s"
    sleep 0.1
done

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$SERVER_PID/status"; }
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$SERVER_PID/status"; }
threads() { awk '/^Threads:/ { print $2 }' "/proc/$SERVER_PID/status"; }
RSS_START=$(rss_kb)

# --- login, pick a loan ----------------------------------------------------------
TOKEN=$(curl -fsS --max-time 10 -H 'Content-Type: application/json' \
    -d '{"username":"demo-cashier","password":"demo-password"}' \
    "$BASE/api/v1/auth/login" | jq -er .access_token) || die "login as demo-cashier failed"
AUTH=(-H "Authorization: Bearer $TOKEN")
LOAN_ID=$(curl -fsS --max-time 30 "${AUTH[@]}" "$BASE/api/v1/loans?limit=50" \
    | jq -er '.items[0].id') || die "GET /api/v1/loans?limit=50 gave no loan"
log "logged in as demo-cashier; loan $LOAN_ID"

# Endpoints: name|path|auth(0/1)|post body file
ENDPOINTS=(
    "GET /health/live|/health/live|0|"
    "GET /api/v1/me|/api/v1/me|1|"
    "GET /api/v1/loans/{id}|/api/v1/loans/$LOAN_ID|1|"
    "GET /api/v1/loans?limit=50|/api/v1/loans?limit=50|1|"
    "POST /api/v1/schedule-preview|/api/v1/schedule-preview|1|$BODY"
)

# One request each first: every endpoint must answer 2xx before it is loaded.
CHECKS=""
for entry in "${ENDPOINTS[@]}"; do
    IFS='|' read -r name path auth body <<<"$entry"
    args=(-sS --max-time 30 -o "$TMP/check.out" -w '%{http_code} %{size_download} %{time_total}\n')
    [[ $auth == 1 ]] && args+=("${AUTH[@]}")
    [[ -n $body ]] && args+=(-H 'Content-Type: application/json' --data-binary "@$body")
    read -r code size secs < <(curl "${args[@]}" "$BASE$path")
    [[ $code == 2* ]] || { cat "$TMP/check.out" >&2; die "$name answered $code"; }
    CHECKS+=$(printf '  %-32s %s  %6s bytes  %6.1f ms (cold, single request)' \
        "$name" "$code" "$size" "$(awk -v s="$secs" 'BEGIN { print s * 1000 }')")$'\n'
done

sleep 1
RSS_IDLE=$(rss_kb)
THREADS_IDLE=$(threads)
log "idle RSS ${RSS_IDLE} kB; running wrk ${DURATION}s x ${#ENDPOINTS[@]} endpoints, -c$CONNECTIONS -t$THREADS"

# --- load ------------------------------------------------------------------------
TABLE=""
RSS_AFTER_EACH=""
RAW=""
n=0
for entry in "${ENDPOINTS[@]}"; do
    IFS='|' read -r name path auth body <<<"$entry"
    n=$((n + 1))
    token=""; [[ $auth == 1 ]] && token=$TOKEN
    log "wrk $name"
    BENCH_TOKEN=$token BENCH_BODY_FILE=$body \
        timeout $((DURATION + TIMEOUT + 30)) \
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout "${TIMEOUT}s" --latency \
        -s "$LUA" "$BASE$path" >"$TMP/wrk.$n.txt" 2>&1 \
        || { cat "$TMP/wrk.$n.txt" >&2; die "wrk failed on $name"; }
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -20 "$TMP/server.log" >&2; die "the server died during $name"; }
    line=$(grep '^BENCH ' "$TMP/wrk.$n.txt") || die "no BENCH line from wrk on $name"
    get() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$line"; }
    errs=$(( $(get connect) + $(get read) + $(get write) + $(get timeout) ))
    TABLE+=$(printf '%-30s %10s %9s %9s %9s %9s %9s %7s %7s' "$name" \
        "$(get rps)" "$(get p50_ms)" "$(get p90_ms)" "$(get p99_ms)" "$(get max_ms)" \
        "$(get requests)" "$(get non2xx)" "$errs")$'\n'
    RAW+="=== $name  ($BASE$path)"$'\n'"$(grep -v '^BENCH ' "$TMP/wrk.$n.txt")"$'\n\n'
    RSS_AFTER_EACH+="  after $(printf '%-30s' "$name") VmRSS $(rss_kb) kB"$'\n'
done

sleep 1
RSS_AFTER=$(rss_kb)
HWM=$(hwm_kb)
THREADS_AFTER=$(threads)
LOG_LINES=$(wc -l <"$TMP/server.log")
LOG_PROBLEMS=$(grep -c '"level":"\(WARN\|ERROR\)"' "$TMP/server.log" || true)

# --- report ----------------------------------------------------------------------
{
    echo "Loanbook load benchmark — $(date -Is)"
    echo "host: nproc $(nproc), kernel $(uname -r), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
    echo "binary: $BIN ($(du -h "$BIN" | cut -f1))"
    echo "wrk: ${DURATION}s per endpoint, $CONNECTIONS connections, $THREADS threads, timeout ${TIMEOUT}s"
    echo "server: SQLite in a temp dir, LOANBOOK_LOG_FORMAT=json RUST_LOG=warn, default pool size"
    echo
    echo "demo book: loaded in ${DEMO_WALL} s wall (the demo reports ${DEMO_REPORTED:-?} s), data dir $DB_SIZE"
    sed -n '/^The database now holds/,/^Log in with/p' "$TMP/demo.log" | sed '$d' | sed 's/^/  /'
    echo "loan under test: $LOAN_ID (first of GET /api/v1/loans?limit=50), logged in as demo-cashier"
    echo
    echo "pre-checks:"
    printf '%s' "$CHECKS"
    echo
    printf '%-30s %10s %9s %9s %9s %9s %9s %7s %7s\n' endpoint req/s p50_ms p90_ms p99_ms max_ms requests non2xx sockerr
    printf '%s' "$TABLE"
    echo "(non2xx = responses with status >= 400 as wrk counts them; sockerr = connect+read+write+timeout errors)"
    echo
    echo "memory (server process):"
    echo "  right after start-up: VmRSS $RSS_START kB"
    echo "  idle, after start-up and one request per endpoint: VmRSS $RSS_IDLE kB, $THREADS_IDLE threads"
    printf '%s' "$RSS_AFTER_EACH"
    echo "  after the load: VmRSS $RSS_AFTER kB, peak VmHWM $HWM kB, $THREADS_AFTER threads"
    echo
    echo "server log: $LOG_LINES lines, $LOG_PROBLEMS at WARN/ERROR"
    if [[ $LOG_LINES -gt 0 ]]; then
        echo "  first lines:"
        head -5 "$TMP/server.log" | cut -c1-300 | sed 's/^/    /'
    fi
    echo
    echo "raw wrk output:"
    echo
    printf '%s' "$RAW"
} >"$TMP/results.txt"
cp "$TMP/results.txt" "$OUT"
cat "$OUT"
log "wrote $OUT"
