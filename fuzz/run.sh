#!/usr/bin/env bash
# Run every fuzz target for SECONDS each (default 60) on the committed
# corpus, and print libFuzzer's execution count per target.
#   fuzz/run.sh 600                 # ten minutes each
#   fuzz/run.sh 60 ninep_decode     # one target
#   JOBS=2 fuzz/run.sh 1800         # two targets at a time
# Targets run at the lowest priority (nice 19) on a 512 MiB stack, the
# one ninebox's own runtime thread has. New inputs libFuzzer finds go to
# target/fuzz-corpus/TARGET (the committed corpus stays as seeded);
# crashes to fuzz/artifacts/TARGET. Needs the nightly toolchain (it ships
# on the image); cargo-fuzz is installed under target/tools on first use.
# Not part of CI.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-60}
shift || true
jobs=${JOBS:-1}
tools="$PWD/../target/tools"
if ! command -v cargo-fuzz >/dev/null && [ ! -x "$tools/bin/cargo-fuzz" ]; then
    timeout 900 cargo install --quiet cargo-fuzz --version 0.13.1 --root "$tools"
fi
export PATH="$tools/bin:$PATH"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo +nightly fuzz list)
fi
# Build first, so the runs measure fuzzing only.
for t in "${targets[@]}"; do
    nice -n 19 cargo +nightly fuzz build "$t"
done
ulimit -s $((512 * 1024))
one() {
    local t=$1 log="../target/fuzz-$1.log" work="../target/fuzz-corpus/$1"
    mkdir -p "corpus/$t" "$work"
    echo "fuzz: $t for ${secs}s"
    if ! nice -n 19 cargo +nightly fuzz run "$t" "$work" "corpus/$t" -- \
        -max_total_time="$secs" -print_final_stats=1 -timeout=20 -rss_limit_mb=4096 2>"$log"; then
        tail -40 "$log"
        return 1
    fi
    grep -E '^stat::number_of_executed_units|^Done ' "$log" | sed "s/^/fuzz: $t: /"
}
status=0
running=0
for t in "${targets[@]}"; do
    one "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait -n || status=1
        running=$((running - 1))
    fi
done
while [ "$running" -gt 0 ]; do
    wait -n || status=1
    running=$((running - 1))
done
exit $status
