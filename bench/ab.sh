#!/usr/bin/env bash
# A/B of two rnn4j checkouts on the issue-6 configs: alternating `./rnn4j bench --json` runs (A, B,
# B, A, ...), so that load on a shared machine hits both alike; prints each config's median ms per
# step for A and B and the ratio A/B (above 1: B is faster).
#
#   bench/ab.sh --a /path/to/base-checkout [--b .] [--rounds 4] [--only lstm-small,gru-medium]
set -uo pipefail
ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
A=""; B="$ROOT"; ROUNDS=4; ONLY=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --a) A="$(cd -P "$2" && pwd)"; shift 2 ;;
    --b) B="$(cd -P "$2" && pwd)"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    -h|--help) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "ab.sh: error: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[[ -n "$A" ]] || { echo "ab.sh: error: --a DIR is required" >&2; exit 2; }
#        name              cell mode  T   B  I   H   L iters warmup model
CONFIGS=("seed-sine         rnn  train 49  1  1   16  2 2000 3000 layer"
         "lstm-small        lstm train 50  32 32  64  1 300  200  layer"
         "lstm-medium       lstm train 100 64 128 256 2 12   5    layer"
         "gru-medium        gru  train 100 64 128 256 2 12   5    layer"
         "lstm-medium-infer lstm infer 100 64 128 256 2 30   10   layer"
         "lstm-infer-b1     lstm infer 100 1  128 256 2 300  200  layer"
         "charlm            lstm train 128 32 64  256 2 10   4    charlm")
run() { # checkout, config fields
  local dir=$1 cell=$3 mode=$4 t=$5 b=$6 i=$7 h=$8 l=$9 iters=${10} warm=${11} model=${12}
  (cd "$dir" && ./rnn4j bench --cell "$cell" --mode "$mode" --seq "$t" --batch "$b" --input "$i" \
      --hidden "$h" --layers "$l" --iters "$iters" --warmup "$warm" --model "$model" --json 2>/dev/null) \
    | sed -n 's/.*"ms_per_step": *\([0-9.eE+-]*\).*/\1/p'
}
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
printf '%-18s %10s %10s %7s   (load %s)\n' config "A ms" "B ms" "A/B" "$(cut -d' ' -f1-3 /proc/loadavg)"
for c in "${CONFIGS[@]}"; do
  read -r name rest <<<"$c"
  [[ -z "$ONLY" || ",$ONLY," == *",$name,"* ]] || continue
  as=(); bs=()
  for ((r = 0; r < ROUNDS; r++)); do
    if (( r % 2 == 0 )); then as+=("$(run "$A" $c)"); bs+=("$(run "$B" $c)")
    else bs+=("$(run "$B" $c)"); as+=("$(run "$A" $c)"); fi
  done
  ma=$(printf '%s\n' "${as[@]}" | median); mb=$(printf '%s\n' "${bs[@]}" | median)
  printf '%-18s %10s %10s %7.3f   A: %s  B: %s\n' "$name" "$ma" "$mb" "$(awk -v a="$ma" -v b="$mb" 'BEGIN{print a/b}')" \
    "${as[*]}" "${bs[*]}"
done
