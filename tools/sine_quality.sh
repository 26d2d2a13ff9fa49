#!/usr/bin/env bash
# The sine forecaster's quality bar: for each cell, the median autoregressive MSE of
# `./rnn4j sine` over seeds 0-4 must be at most 0.005 (defaults: warmup mode, 6000 iterations).
# Prints one line per run and per cell; exits 1 if a cell misses the bar. About 15 s.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail=0
for cell in rnn lstm gru; do
  mses=()
  for seed in 0 1 2 3 4; do
    ./rnn4j sine --cell "$cell" --seed "$seed" --out "$out/$cell-$seed" >/dev/null 2>&1
    mse=$(sed -n 's/.*"autoregressive_mse": *\([0-9.eE+-]*\).*/\1/p' "$out/$cell-$seed/metrics.json")
    echo "$cell seed $seed: autoregressive_mse $mse"
    mses+=("$mse")
  done
  median=$(printf '%s\n' "${mses[@]}" | sort -g | sed -n 3p)
  verdict=$(awk -v m="$median" 'BEGIN { print (m <= 0.005) ? "ok" : "FAIL" }')
  echo "$cell: median $median (bar 0.005) $verdict"
  [[ "$verdict" == ok ]] || fail=1
done
exit $fail
