#!/usr/bin/env bash
# Peak memory of the Loanbook server while it takes 20 MiB document uploads.
#
#   bash bench/upload_memory.sh
#
# Builds the release binary (unless LOANBOOK_BIN is given), starts it on a
# fresh temp data dir and a free loopback port, logs in as admin, creates a
# customer, and uploads a 20 MiB PDF (a `%PDF-1.4` header, comment padding
# and `%%EOF`) several times with curl: distinct files first (each streamed
# to the temp dir, hashed, and copied into the file store), then one repeat
# (stored once, so not copied again), then one file over the limit (413).
# Prints the server's VmRSS and peak RSS (VmHWM from /proc/PID/status) before
# and after each upload. Stops the server and removes the temp dir on exit.
#
# Settings (environment):
#   LOANBOOK_BIN       use this binary instead of building one
#   CARGO_TARGET_DIR   target dir for the build (default /tmp/t-bench)
#   BENCH_UPLOADS      distinct 20 MiB uploads (default 3)
#   BENCH_KEEP_TMP=1   keep the temp dir (data, server log)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
UPLOADS=${BENCH_UPLOADS:-3}
SIZE=$((20 * 1024 * 1024))
PASSWORD=bench-admin-password

die() { echo "upload_memory.sh: $*" >&2; exit 1; }
log() { echo "[upload_memory.sh] $*" >&2; }

for tool in curl jq python3; do
    command -v "$tool" >/dev/null || die "$tool is required"
done
[[ $UPLOADS =~ ^[0-9]+$ && $UPLOADS -gt 0 ]] || die "BENCH_UPLOADS must be a positive integer"

# --- temp dir, server, cleanup -------------------------------------------------
TMP=$(mktemp -d /tmp/loanbook-upload.XXXXXX)
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

# --- files -----------------------------------------------------------------------
# A PDF of exactly SIZE bytes whose first comment line carries a tag, so that
# each tag gives different bytes (and a different SHA-256).
make_pdf() {
    python3 - "$1" "$2" "$SIZE" <<'EOF'
import sys
path, tag, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
head = f"%PDF-1.4\n% upload {tag}\n%".encode()
tail = b"\n%%EOF\n"
with open(path, "wb") as out:
    out.write(head)
    left = size - len(head) - len(tail)
    block = b"x" * (1024 * 1024)
    while left > 0:
        out.write(block[: min(left, len(block))])
        left -= len(block)
    out.write(tail)
EOF
}
for i in $(seq "$UPLOADS"); do make_pdf "$TMP/upload-$i.pdf" "$i"; done
make_pdf "$TMP/too-big.pdf" big
printf 'x' >>"$TMP/too-big.pdf"

# --- server ----------------------------------------------------------------------
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
DATA=$TMP/data
unset LOANBOOK_DATABASE_URL LOANBOOK_STORAGE_URL LOANBOOK_DOCUMENT_MAX_BYTES LOANBOOK_JWT_SECRET
log "starting the server on $BASE with data dir $DATA"
LOANBOOK_DATA_DIR=$DATA LOANBOOK_BIND=127.0.0.1:$PORT LOANBOOK_ADMIN_PASSWORD=$PASSWORD \
    LOANBOOK_LOG_FORMAT=json RUST_LOG=warn "$BIN" serve >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
for i in $(seq 300); do
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$TMP/server.log" >&2; die "the server exited"; }
    curl -fsS --max-time 1 "$BASE/health/live" >/dev/null 2>&1 && break
    [[ $i == 300 ]] && die "the server did not answer /health/live within 30 s"
    sleep 0.1
done

status_kb() { awk -v key="$1:" '$1 == key { print $2 }' "/proc/$SERVER_PID/status"; }
mib() { awk -v kb="$1" 'BEGIN { printf "%.1f MiB", kb / 1024 }'; }
report() {
    printf '%-42s VmRSS %10s   VmHWM (peak) %10s\n' "$1" \
        "$(mib "$(status_kb VmRSS)")" "$(mib "$(status_kb VmHWM)")"
}

# --- login, customer -------------------------------------------------------------
TOKEN=$(curl -fsS --max-time 10 -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" \
    "$BASE/api/v1/auth/login" | jq -er .access_token) || die "login as admin failed"
AUTH=(-H "Authorization: Bearer $TOKEN")
CUSTOMER=$(curl -fsS --max-time 10 "${AUTH[@]}" -H 'Content-Type: application/json' -d '{
    "name": "上传测试有限公司", "credit_code": "91350100M000100Y43", "contact_name": "林晓",
    "phone": "13800000000", "email": "finance@example.com", "address": "福州市",
    "credit_limit": "500000.00"}' "$BASE/api/v1/customers" | jq -er .id) \
    || die "creating a customer failed"
URL=$BASE/api/v1/customers/$CUSTOMER/documents

# upload FILE NAME -> prints "STATUS SECONDS"
upload() {
    curl -sS --max-time 300 -o "$TMP/reply.json" -w '%{http_code} %{time_total}\n' "${AUTH[@]}" \
        -F document_type=financial_statements \
        -F "file=@$1;type=application/pdf;filename=$2" "$URL"
}

echo "Upload memory: $(mib $((SIZE / 1024))) PDF per upload, release build, SQLite, local file store"
report "after start-up"
for i in $(seq "$UPLOADS"); do
    read -r code seconds < <(upload "$TMP/upload-$i.pdf" "statement-$i.pdf")
    [[ $code == 201 ]] || { cat "$TMP/reply.json" >&2; die "upload $i answered $code"; }
    report "after upload $i (new, ${seconds}s)"
done
read -r code seconds < <(upload "$TMP/upload-1.pdf" "statement-again.pdf")
[[ $code == 201 ]] || { cat "$TMP/reply.json" >&2; die "the repeated upload answered $code"; }
report "after a repeat (stored once, ${seconds}s)"
read -r code seconds < <(upload "$TMP/too-big.pdf" "too-big.pdf")
[[ $code == 413 ]] || { cat "$TMP/reply.json" >&2; die "the oversized upload answered $code"; }
report "after 20 MiB + 1 byte (413, ${seconds}s)"

OBJECTS=$(find "$DATA/files" -type f | wc -l)
LEFT=$(find "$DATA/tmp" -type f | wc -l)
echo "objects in the file store: $OBJECTS (expected $UPLOADS); temp files left: $LEFT"
[[ $OBJECTS == "$UPLOADS" && $LEFT == 0 ]] || die "unexpected files in $DATA"
