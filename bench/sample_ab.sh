#!/usr/bin/env bash
# Times `rnn4j text sample` in cold JVMs, as a user runs it: alternating runs of one or more
# checkouts (A, B, A, B, ...) on one model file, so that load on a shared machine hits all alike;
# prints, per checkout, the median of the command's own "drew N characters in S s", of the wall
# time of the whole command and of its CPU time (user + system), and the spread of the first.
#
#   bench/sample_ab.sh --model FILE [--rounds 12] [--length 10000] DIR [DIR ...]
#
# Each DIR is a built checkout (its ./rnn4j runs with RNN4J_NO_BUILD=1: build it first).
set -uo pipefail
MODEL=""; ROUNDS=12; LENGTH=10000; DIRS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --model) MODEL="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --length) LENGTH="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "sample_ab.sh: error: unknown option '$1'" >&2; exit 2 ;;
    *) DIRS+=("$(cd -P "$1" && pwd)") || exit 2; shift ;;
  esac
done
[[ -f "$MODEL" ]] || { echo "sample_ab.sh: error: --model FILE is required and must exist, got '$MODEL'" >&2; exit 2; }
[[ ${#DIRS[@]} -ge 1 ]] || { echo "sample_ab.sh: error: at least one checkout DIR is expected" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "sample_ab.sh: error: /usr/bin/time is needed (Debian: apt-get install time)" >&2; exit 2; }

raw="$(mktemp)"
trap 'rm -f "$raw"' EXIT
for ((r = 1; r <= ROUNDS; r++)); do
  for d in "${DIRS[@]}"; do
    out="$( { /usr/bin/time -f 'TIME %e %U %S' env RNN4J_NO_BUILD=1 "$d/rnn4j" text sample --model "$MODEL" \
        --length "$LENGTH" --seed 0 >/dev/null; } 2>&1 )"
    s="$(sed -n 's/^drew .* in \([0-9.]*\) s.*/\1/p' <<<"$out")"
    t="$(awk '/^TIME/ {print $2, $3 + $4}' <<<"$out")"
    [[ -n "$s" && -n "$t" ]] || { echo "sample_ab.sh: error: $d/rnn4j text sample failed:" >&2; echo "$out" >&2; exit 1; }
    echo "$d $s $t" >>"$raw"
    printf '  round %d %s: %s s\n' "$r" "$d" "$s" >&2
  done
done
printf '%-40s %8s %8s %8s   %s\n' checkout "sample s" "wall s" "CPU s" "sample, quartiles"
for d in "${DIRS[@]}"; do
  awk -v d="$d" '$1 == d {print $2, $3, $4}' "$raw" | python3 -c '
import statistics, sys
rows = [tuple(map(float, l.split())) for l in sys.stdin]
s = sorted(r[0] for r in rows)
q = statistics.quantiles(s, n=4) if len(s) > 1 else [s[0], s[0], s[0]]
print("%-40s %8.2f %8.2f %8.2f   %.2f-%.2f (n=%d)" % (sys.argv[1], statistics.median(s),
      statistics.median(r[1] for r in rows), statistics.median(r[2] for r in rows), q[0], q[2], len(s)))
' "$d"
done
