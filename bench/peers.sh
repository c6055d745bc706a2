#!/usr/bin/env bash
# Times a 360-month equal-installment schedule (1,000,000 at 4.90 %) in
# Loanbook's domain crate and in two peers on the same machine in one run:
# npm `loanjs` (floating point) and PyPI `amortization` (floating point).
# Writes bench/peers.txt. Needs node/npm and python3 with venv, plus registry
# access for the peers on the first run.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=${PEERS_DIR:-$root/target/peers}
mkdir -p "$work"
out=$root/bench/peers.txt

echo "== installing peers into $work"
if [ ! -d "$work/node_modules/loanjs" ]; then
    (cd "$work" && npm install --silent --no-audit --no-fund loanjs@1.1.2 >/dev/null)
fi
if [ ! -x "$work/venv/bin/python" ]; then
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install --quiet amortization==3.0.1
fi

cat > "$work/loanjs_bench.js" <<'JS'
const LoanJS = require('loanjs');
const runs = 20000;
for (let i = 0; i < 2000; i++) new LoanJS.Loan(1000000, 360, 4.9, 'annuity');
const samples = [];
for (let s = 0; s < 15; s++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < runs; i++) new LoanJS.Loan(1000000, 360, 4.9, 'annuity');
  samples.push(Number(process.hrtime.bigint() - start) / runs / 1000);
}
samples.sort((a, b) => a - b);
console.log(samples[Math.floor(samples.length / 2)].toFixed(2));
JS

cat > "$work/amortization_bench.py" <<'PY'
import statistics, timeit
from amortization.schedule import amortization_schedule
run = lambda: list(amortization_schedule(1000000, 0.049, 360))
samples = [t / 200 * 1e6 for t in timeit.repeat(run, number=200, repeat=15)]
print(f"{statistics.median(samples):.2f}")
PY

echo "== loanjs"
loanjs=$(node "$work/loanjs_bench.js")
echo "== amortization"
amortization=$("$work/venv/bin/python" "$work/amortization_bench.py")
echo "== loanbook (criterion)"
cargo bench -q -p loanbook-domain --bench schedule -- --warm-up-time 2 --measurement-time 5 \
    equal_installment 2>&1 | tee "$work/criterion.txt" >/dev/null
loanbook=$(grep -A1 'equal_installment' "$work/criterion.txt" | grep -o 'time: *\[[^]]*\]' |
    awk '{print $4}' | head -1)
loanbook_unit=$(grep -A1 'equal_installment' "$work/criterion.txt" | grep -o 'time: *\[[^]]*\]' |
    awk '{print $5}' | head -1)

{
    echo "360-month equal-installment schedule, 1,000,000.00 at 4.90 %, median per schedule"
    echo "machine: $(nproc) cores, $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "loanbook (Rust, exact to the fen)   ${loanbook} ${loanbook_unit}"
    echo "npm loanjs 1.1.2 (floating point)   ${loanjs} µs"
    echo "PyPI amortization 3.0.1 (float)     ${amortization} µs"
} | tee "$out"
