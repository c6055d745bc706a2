#!/usr/bin/env bash
# Schemathesis against a running server and the committed contract
# (openapi/openapi.json): no 5xx, no undocumented status, every response
# matching its schema. It installs Schemathesis from PyPI (a venv under the
# cargo target directory, or a plain package directory where Python has no
# venv module), builds and starts the server on a fresh SQLite data
# directory, loads a small demo book, then runs once per role. Exits
# non-zero when any run finds a failure; each run's report and the server
# log stay in <target>/schemathesis-run.
#
# Settings: SCHEMATHESIS_MAX_EXAMPLES (default 20 per operation),
# SCHEMATHESIS_SEED (default 1), SCHEMATHESIS_ROLES (default
# "admin sales reviewer cashier customer"), PYTHON (default python3).
set -euo pipefail
cd "$(dirname "$0")/.."

version=4.32.5
examples="${SCHEMATHESIS_MAX_EXAMPLES:-20}"
seed="${SCHEMATHESIS_SEED:-1}"
roles="${SCHEMATHESIS_ROLES:-admin sales reviewer cashier customer}"
python="${PYTHON:-python3}"
target_dir="${CARGO_TARGET_DIR:-target}"
venv="$target_dir/schemathesis-venv"
packages="$target_dir/schemathesis-packages"
run_dir="$target_dir/schemathesis-run"
admin_password="schemathesis-admin-1"

# Sets st_python to the command of a Python that imports Schemathesis
# $version, installing it first when needed.
install_schemathesis() {
  local marker="installed-$version"
  if [ ! -f "$venv/$marker" ] && [ ! -f "$packages/$marker" ]; then
    rm -rf "$venv" "$packages"
    if "$python" -m venv "$venv" >/dev/null 2>&1 &&
      "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
      "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        "schemathesis==$version"
      touch "$venv/$marker"
    else
      rm -rf "$venv"
      "$python" -m pip install --quiet --disable-pip-version-check \
        --target "$packages" "schemathesis==$version"
      touch "$packages/$marker"
    fi
  fi
  if [ -f "$venv/$marker" ]; then
    st_python=("$venv/bin/python")
  else
    st_python=(env "PYTHONPATH=$packages" "$python")
  fi
}

echo "== installing schemathesis $version"
install_schemathesis
"${st_python[@]}" ci/schemathesis_cli.py --version

echo "== building the server"
cargo build --quiet -p loanbook-api --bin loanbook
loanbook="$target_dir/debug/loanbook"

rm -rf "$run_dir"
mkdir -p "$run_dir/data"
run_dir="$(cd "$run_dir" && pwd)"
server_pid=""
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
}
trap stop_server EXIT

port="$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
base_url="http://127.0.0.1:$port"
unset LOANBOOK_DATABASE_URL LOANBOOK_STORAGE_URL
export LOANBOOK_DATA_DIR="$run_dir/data"
export LOANBOOK_BIND="127.0.0.1:$port"
export LOANBOOK_ADMIN_PASSWORD="$admin_password"
export LOANBOOK_ACCESS_TOKEN_SECONDS=7200
export LOANBOOK_LOG_FORMAT=json

echo "== loading the demo book"
"$loanbook" demo --customers 5 --applications 20 >"$run_dir/demo.log"
"$loanbook" serve >"$run_dir/server.log" 2>&1 &
server_pid=$!
"$python" ci/schemathesis_book.py "$base_url" "$admin_password" "$run_dir"

failed=()
started=$SECONDS
for role in $roles; do
  token="$(awk -v role="$role" '$1 == role { print $2 }' "$run_dir/tokens")"
  if [ -z "$token" ]; then
    echo "no token for role $role" >&2
    exit 2
  fi
  echo "== schemathesis as $role ($examples examples per operation, seed $seed)"
  role_started=$SECONDS
  if "${st_python[@]}" ci/schemathesis_cli.py --config-file "$run_dir/schemathesis.toml" \
    run openapi/openapi.json --url "$base_url" \
    --header "Authorization: Bearer $token" \
    --checks not_a_server_error,status_code_conformance,response_schema_conformance \
    --max-examples "$examples" --seed "$seed" --workers 2 --request-timeout 30 \
    --generation-database none --no-color \
    --report junit --report-junit-path "$run_dir/junit-$role.xml" \
    >"$run_dir/report-$role.txt" 2>&1; then
    grep -E "^ +[0-9]+ generated|^=+ .* in [0-9.]+s =+$" "$run_dir/report-$role.txt" || true
  else
    cat "$run_dir/report-$role.txt"
    failed+=("$role")
  fi
  echo "   as $role: $((SECONDS - role_started)) s"
done
echo "== schemathesis took $((SECONDS - started)) s"
runs=$(wc -w <<<"$roles")
echo "schemathesis: $((runs - ${#failed[@]})) passed, ${#failed[@]} failed"

if [ "${#failed[@]}" -gt 0 ]; then
  echo "schemathesis found failures as: ${failed[*]} (server log: $run_dir/server.log)" >&2
  exit 1
fi
