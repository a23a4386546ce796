#!/usr/bin/env bash
# Run every fuzz target for SECONDS each (default 60) on the committed
# corpus, and print libFuzzer's execution count per target.
#   fuzz/run.sh 600            # ten minutes each
#   fuzz/run.sh 60 ninep_decode
# Needs the nightly toolchain (it ships on the image); cargo-fuzz is
# installed under target/tools on first use. Not part of CI.
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-60}
shift || true
tools="$PWD/../target/tools"
if ! command -v cargo-fuzz >/dev/null && [ ! -x "$tools/bin/cargo-fuzz" ]; then
    timeout 900 cargo install --quiet cargo-fuzz --version 0.13.1 --root "$tools"
fi
export PATH="$tools/bin:$PATH"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cargo +nightly fuzz list)
fi
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t"
    log="../target/fuzz-$t.log"
    echo "fuzz: $t for ${secs}s"
    cargo +nightly fuzz run "$t" "corpus/$t" -- -max_total_time="$secs" -print_final_stats=1 2>"$log" ||
        { tail -40 "$log"; exit 1; }
    grep -E '^stat::number_of_executed_units|^Done ' "$log" | sed "s/^/fuzz: $t: /"
done
