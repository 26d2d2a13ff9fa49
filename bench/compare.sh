#!/usr/bin/env bash
# Side-by-side timing of the issue-6 configs: rnn4j vs PyTorch 1.13 (Debian, OpenBLAS tuned) vs DJL 0.36 +
# PyTorch 2.7.1, alternating between the frameworks within one run, then a Markdown table of the speed-ups
# against the best anchor. See bench/README.md.
#
#   bench/compare.sh [--rounds R] [--quick] [--only NAME[,NAME...]] [--frameworks LIST] [--rnn4j-root DIR]
#                    [--lengths full|uniform] [--quiet-wait S] [--out DIR] [--list] [--help]
#
# Besides the issue-6 configs: charlm (Embedding, batch-first LSTM, Linear(H, 65), cross-entropy), bilstm-medium
# (both directions), gru-packed (lengths uniform in [T/2, T], packed, whatever --lengths says) and lstm-large
# (T 200, B 128, I 512, H 1024, L 2: several seconds a step here); DJL runs none of these four.
#
# --lengths uniform: variable-length batches (lengths uniform in [T/2, T], the same in both frameworks),
# each framework's packed step next to the same batch padded; DJL has no packed mode here and is left out.
# PyTorch 1.13's packed steps are slow (an lstm-medium training step took about 2 s here with OpenBLAS's AVX-512 kernels, 15 s with its SSE3 fallback), so they get at
# most PYTORCH_PACKED_ITERS timed steps (default 5) after one warm-up step.
#
# What is missing (the rnn4j bench command, Debian's python3-torch, the DJL jars) is named in the output and its
# column reads "missing"; nothing is installed or downloaded.
#
# Environment:
#   PYTHON_TORCH   the interpreter with torch 1.13 (default /usr/bin/python3, Debian's python3-torch)
#   DJL_JAVA       the java for the DJL anchor (default: java on PATH, the machine's JDK 17; on Temurin 25 the
#                  DJL step slowed from ~2.5 ms to ~64 ms after about 300 steps in seed-sine, see bench/README.md)
#   RUN_TIMEOUT    seconds one benchmark run may take before it is killed (default 900)
#   PYTORCH_CORETYPE  passed to pytorch_bench.py --coretype (OPENBLAS_CORETYPE for the PyTorch runs), for CPUs
#                  that OpenBLAS 0.3.21 does not recognise (default: auto, which names Cooperlake or SkylakeX where
#                  OpenBLAS would fall back to Prescott's SSE3 kernels on an AVX-512 CPU)
set -uo pipefail

BENCH_DIR="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd -P "$BENCH_DIR/.." && pwd)"
RNN4J_ROOT="$ROOT"
PYTHON_TORCH="${PYTHON_TORCH:-/usr/bin/python3}"
RUN_TIMEOUT="${RUN_TIMEOUT:-900}"
ROUNDS=3
QUICK=0
ONLY=""
FRAMEWORKS="rnn4j,pytorch,djl"
LENGTHS="full"
PYTORCH_PACKED_ITERS="${PYTORCH_PACKED_ITERS:-5}"
QUIET_WAIT=0
OUT_DIR="$BENCH_DIR/results"

# name cell mode T B I H L goal(x faster than the best anchor) iters warmup quick-iters quick-warmup
# Warm-up is sized so that every framework is timed in its steady state: the JVM's C2 compiler
# needs some thousands of calls of the small steps (PyTorch needs none, DJL about 20 steps).
CONFIGS=(
  "seed-sine         rnn  train 49  1  1   16  2 20   2000 3000 40 20"
  "lstm-small        lstm train 50  32 32  64  1 2    300 200  30 10"
  "lstm-medium       lstm train 100 64 128 256 2 1.5  20  5    3  1"
  "gru-medium        gru  train 100 64 128 256 2 1.25 20  5    3  1"
  "lstm-medium-infer lstm infer 100 64 128 256 2 1    40  10   5  2"
  "lstm-infer-b1     lstm infer 100 1  128 256 2 1.25 300 200  30 10"
  "charlm            charlm:lstm train 128 32 64 256 2 2 10 5 3 1"
  "bilstm-medium     bi:lstm train 100 64 128 256 2 1.2 10 3 3 1"
  "gru-packed        packed:gru train 100 64 128 256 2 1.2 10 3 3 1"
  "lstm-large        lstm train 200 128 512 1024 2 1.2 3 1 2 1"
)
DJL_MIN_WARMUP=20 # issue 6: after five warm-up steps DJL reads twice as slow
DJL_MIN_WARMUP_QUICK=5 # --quick checks the tooling only

usage() {
  sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  echo
  echo "Options:"
  echo "  --rounds R         rounds per config; each round runs every framework once, in rotated order (default 3)"
  echo "  --quick            fewer timed and warm-up steps (a check of the tooling, not a measurement)"
  echo "  --only NAMES       comma-separated config names (see --list)"
  echo "  --frameworks LIST  comma-separated subset of rnn4j,pytorch,djl (default all three)"
  echo "  --rnn4j-root DIR   the rnn4j checkout whose ./rnn4j is timed (default: this repository)"
  echo "  --lengths L        full (default) or uniform: lengths uniform in [T/2, T], packed and padded side by side"
  echo "  --quiet-wait S     before each run, wait up to S seconds for a quiet machine (at most 2 runnable"
  echo "                     processes, the sampler included, over 3 s); on a shared machine (default 0: no wait)"
  echo "  --out DIR          where the raw JSON lines and the table go (default bench/results)"
  echo "  --list             print the configs and exit"
}

die() { printf 'compare.sh: error: %s\n' "$*" >&2; exit 2; }
note() { printf '%s\n' "$*" >&2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || die "--rounds needs a positive integer"; ROUNDS="$2"; shift 2 ;;
    --quick) QUICK=1; shift ;;
    --only) [[ -n "${2:-}" ]] || die "--only needs config names"; ONLY="$2"; shift 2 ;;
    --frameworks) [[ -n "${2:-}" ]] || die "--frameworks needs a list"; FRAMEWORKS="$2"; shift 2 ;;
    --rnn4j-root) [[ -d "${2:-}" ]] || die "--rnn4j-root needs a directory"; RNN4J_ROOT="$(cd -P "$2" && pwd)"; shift 2 ;;
    --out) [[ -n "${2:-}" ]] || die "--out needs a directory"; OUT_DIR="$2"; shift 2 ;;
    --quiet-wait) [[ "${2:-}" =~ ^[0-9]+$ ]] || die "--quiet-wait needs seconds"; QUIET_WAIT="$2"; shift 2 ;;
    --lengths) [[ "${2:-}" == full || "${2:-}" == uniform ]] || die "--lengths needs full or uniform"; LENGTHS="$2"; shift 2 ;;
    --list) for c in "${CONFIGS[@]}"; do echo "$c"; done | awk '{printf "%-18s %-4s %-5s T=%-3s B=%-2s I=%-3s H=%-3s L=%s goal %sx\n",$1,$2,$3,$4,$5,$6,$7,$8,$9}'; exit 0 ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
done

for f in ${FRAMEWORKS//,/ }; do
  [[ "$f" == rnn4j || "$f" == pytorch || "$f" == djl ]] || die "unknown framework '$f' in --frameworks"
done
if [[ "$LENGTHS" == uniform && ",$FRAMEWORKS," == *",djl,"* ]]; then
  note "compare.sh: --lengths uniform: DJL has no packed mode here; it is left out"
  FRAMEWORKS="$(tr ',' '\n' <<<"$FRAMEWORKS" | grep -vx djl | paste -sd, -)"
  [[ -n "$FRAMEWORKS" ]] || die "no framework left to run"
fi
want_fw() { [[ ",$FRAMEWORKS," == *",$1,"* ]]; }

SELECTED=()
for c in "${CONFIGS[@]}"; do
  name="${c%% *}"
  if [[ -z "$ONLY" || ",$ONLY," == *",$name,"* ]]; then SELECTED+=("$c"); fi
done
if [[ -n "$ONLY" ]]; then
  for n in ${ONLY//,/ }; do
    printf '%s\n' "${CONFIGS[@]}" | awk '{print $1}' | grep -qx -- "$n" || die "unknown config '$n' (see --list)"
  done
fi
[[ ${#SELECTED[@]} -gt 0 ]] || die "no config selected"

RENDER_PY="$(command -v python3 || true)"
[[ -x "$PYTHON_TORCH" ]] && RENDER_PY="$PYTHON_TORCH"
[[ -n "$RENDER_PY" ]] || die "python3 is needed to print the table and was not found"

mkdir -p "$OUT_DIR" || die "cannot create $OUT_DIR"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RAW="$OUT_DIR/compare-$STAMP.jsonl"
META="$OUT_DIR/compare-$STAMP.meta.json"
TABLE="$OUT_DIR/compare-$STAMP.md"
: >"$RAW"

# ---------------------------------------------------------------- what is there
declare -A MISSING=()

newest_jdk() { # the java of the newest JDK under /usr/lib/jvm (by the release file), else java on PATH
  local best="" best_v=0 d v
  for d in /usr/lib/jvm/*; do
    [[ -x "$d/bin/java" && -f "$d/release" ]] || continue
    v="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release" | head -n1)"
    [[ -n "$v" && "$v" -gt "$best_v" ]] && { best_v="$v"; best="$d/bin/java"; }
  done
  [[ -n "$best" ]] && printf '%s\n' "$best" || command -v java || true
}

# rnn4j: ./rnn4j at the checkout's root with a bench subcommand (the launcher builds on its first call).
RNN4J_HAS_WARMUP=0
RNN4J_HAS_SETTLE=0
if want_fw rnn4j; then
  if [[ ! -x "$RNN4J_ROOT/rnn4j" ]]; then
    MISSING[rnn4j]="no ./rnn4j launcher in $RNN4J_ROOT (the bench command of API.md is not on this branch yet)"
  else
    note "compare.sh: checking ./rnn4j bench in $RNN4J_ROOT (the launcher may build first) ..."
    if help_out="$(cd "$RNN4J_ROOT" && timeout --foreground "$RUN_TIMEOUT" ./rnn4j bench --help 2>&1)"; then
      grep -q -- '--warmup' <<<"$help_out" && RNN4J_HAS_WARMUP=1
      grep -q -- '--jit-settle' <<<"$help_out" && RNN4J_HAS_SETTLE=1
    else
      MISSING[rnn4j]="'./rnn4j bench --help' failed in $RNN4J_ROOT: $(tail -n1 <<<"$help_out") (the bench command of API.md is missing or does not build)"
    fi
  fi
fi

# PyTorch 1.13: Debian's python3-torch.
if want_fw pytorch; then
  if [[ ! -x "$PYTHON_TORCH" ]]; then
    MISSING[pytorch]="$PYTHON_TORCH not found (Debian's python3 with python3-torch)"
  elif ! torch_v="$("$PYTHON_TORCH" -c 'import torch; print(torch.__version__)' 2>/dev/null)"; then
    MISSING[pytorch]="torch is not importable by $PYTHON_TORCH (Debian package python3-torch; and libopenblas0-pthread for the tuned OpenBLAS)"
  fi
fi

# DJL: the stand-alone project in bench/djl, built from the local Maven repository only (mvn -o).
DJL_JAVA="${DJL_JAVA:-$(command -v java || newest_jdk)}"
DJL_CP=""
if want_fw djl; then
  DJL_T="$BENCH_DIR/djl/target"
  djl_ready() {
    [[ -f "$DJL_T/rnn4j-bench-djl.jar" && -f "$DJL_T/classpath.txt" ]] || return 1
    [[ "$BENCH_DIR/djl/pom.xml" -nt "$DJL_T/classpath.txt" ]] && return 1
    [[ -n "$(find "$BENCH_DIR/djl/src" -newer "$DJL_T/rnn4j-bench-djl.jar" -print -quit)" ]] && return 1
    local j
    for j in $(tr ':' ' ' <"$DJL_T/classpath.txt"); do [[ -f "$j" ]] || return 1; done
  }
  if ! djl_ready; then
    if ! command -v mvn >/dev/null 2>&1; then
      MISSING[djl]="Maven (mvn) not found, so bench/djl cannot be built"
    else
      note "compare.sh: building bench/djl from the local Maven repository (mvn -o) ..."
      if ! djl_log="$(mvn -o -q -B -f "$BENCH_DIR/djl/pom.xml" package 2>&1)"; then
        miss="$(grep -o 'ai\.djl[^ ,:]*:[^ ,]*' <<<"$djl_log" | sort -u | tr '\n' ' ')"
        MISSING[djl]="bench/djl does not build offline: ${miss:-$(grep -m1 ERROR <<<"$djl_log")}; run once 'mvn -f bench/djl/pom.xml package' (downloads DJL 0.36 + pytorch-native-cpu 2.7.1, about 120 MB, from Maven Central)"
      fi
    fi
  fi
  if [[ -z "${MISSING[djl]:-}" ]]; then
    if [[ -z "$DJL_JAVA" || ! -x "$DJL_JAVA" ]]; then
      MISSING[djl]="no java found for the DJL anchor (set DJL_JAVA)"
    else
      DJL_CP="$DJL_T/rnn4j-bench-djl.jar:$(cat "$DJL_T/classpath.txt")"
    fi
  fi
fi

for f in rnn4j pytorch djl; do
  [[ -n "${MISSING[$f]:-}" ]] && note "compare.sh: MISSING $f: ${MISSING[$f]}"
done

# ---------------------------------------------------------------- one run
# wait_quiet: with --quiet-wait S, waits up to S seconds until 3 s pass with at most 2 runnable processes
# (/proc/loadavg's running count, which includes the reading process) so that a run starts on a quiet machine.
wait_quiet() {
  (( QUIET_WAIT > 0 )) || return 0
  local deadline=$((SECONDS + QUIET_WAIT)) busy i r
  while (( SECONDS < deadline )); do
    busy=0
    for ((i = 0; i < 10; i++)); do
      r="$(cut -d' ' -f4 /proc/loadavg)"
      (( ${r%/*} > 2 )) && busy=1
      sleep 0.3
    done
    (( busy == 0 )) && return 0
  done
  note "  (the machine stayed busy for ${QUIET_WAIT}s; running anyway, load $(cut -d' ' -f1-3 /proc/loadavg))"
}

# run FRAMEWORK CONFIG-LINE ROUND: appends one JSON line (or an error record) to $RAW.
run_one() {
  local fw="$1" round="$3"
  local name cell mode T B I H L goal iters warm qiters qwarm
  read -r name cell mode T B I H L goal iters warm qiters qwarm <<<"$2"
  if [[ "$QUICK" == 1 ]]; then iters="$qiters"; warm="$qwarm"; fi
  # A cell written model:cell (charlm:lstm) runs --model charlm (Embedding, stack, Linear(H, 65), cross-entropy);
  # bi:cell runs both directions (--bidirectional), packed:cell sequences of lengths in [T/2, T], packed.
  local model=() variant="" lengths="$LENGTHS"
  if [[ "$cell" == *:* ]]; then
    case "${cell%%:*}" in
      bi) variant=bidirectional ;;
      packed) variant=packed; lengths=uniform ;;
      *) model=(--model "${cell%%:*}") ;;
    esac
    cell="${cell#*:}"
  fi
  local label="$fw" extra=()
  [[ "$variant" == bidirectional ]] && extra=(--bidirectional)
  if [[ "$fw" == djl && -n "$variant" ]]; then
    "$RENDER_PY" -c 'import json,sys; print(json.dumps({"config": sys.argv[1], "fw": "djl", "round": int(sys.argv[2]), "error": "no DjlBench for " + sys.argv[3]}))' \
      "$name" "$round" "$variant" >>"$RAW"
    return
  fi
  if [[ "$lengths" == uniform ]]; then
    extra+=(--lengths uniform)
    # "rnn4j-padded", "pytorch-padded": the same framework, the batch padded instead of packed
    if [[ "$fw" == *-padded ]]; then extra+=(--padded); fw="${fw%-padded}"
    elif [[ "$fw" == pytorch ]]; then # see the header: a packed PyTorch step takes seconds
      (( iters > PYTORCH_PACKED_ITERS )) && iters="$PYTORCH_PACKED_ITERS"
      (( warm > 1 )) && warm=1
    fi
  fi
  local common=(--cell "$cell" --seq "$T" --batch "$B" --input "$I" --hidden "$H" --layers "$L" --mode "$mode" --iters "$iters" "${extra[@]}" "${model[@]}")
  local cmd=() dir="$ROOT"
  if [[ "$fw" == djl && ${#model[@]} -gt 0 ]]; then
    "$RENDER_PY" -c 'import json,sys; print(json.dumps({"config": sys.argv[1], "fw": "djl", "round": int(sys.argv[2]), "error": "no DjlBench for --model " + sys.argv[3]}))' \
      "$name" "$round" "${model[1]}" >>"$RAW"
    return
  fi
  case "$fw" in
    rnn4j)
      dir="$RNN4J_ROOT"
      cmd=(./rnn4j bench "${common[@]}" --json)
      [[ "$RNN4J_HAS_WARMUP" == 1 ]] && cmd+=(--warmup "$warm")
      # a real run warms up until the JIT compiler is idle (the default); --quick only checks the tooling
      [[ "$RNN4J_HAS_SETTLE" == 1 && "$QUICK" == 1 ]] && cmd+=(--no-jit-settle) ;;
    pytorch)
      # the tuning of issue 6, for this command alone (pytorch_bench.py also enforces it before importing torch)
      cmd=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1
           "$PYTHON_TORCH" "$BENCH_DIR/pytorch_bench.py" "${common[@]}" --warmup "$warm" --threads 2 --json)
      [[ -n "${PYTORCH_CORETYPE:-}" ]] && cmd+=(--coretype "$PYTORCH_CORETYPE") ;;
    djl)
      local dmin=$DJL_MIN_WARMUP
      [[ "$QUICK" == 1 ]] && dmin=$DJL_MIN_WARMUP_QUICK
      local dw=$(( warm > dmin ? warm : dmin ))
      cmd=(env PYTORCH_FLAVOR=cpu "$DJL_JAVA" -Dai.djl.offline=true -cp "$DJL_CP" org.rnn4j.bench.DjlBench
           "${common[@]}" --warmup "$dw" --threads 2 --json) ;;
  esac
  local out err rc line load_before load_after
  err="$(mktemp)"
  load_before="$(cut -d' ' -f1 /proc/loadavg)"
  out="$(cd "$dir" && timeout --foreground "$RUN_TIMEOUT" "${cmd[@]}" 2>"$err")"
  rc=$?
  load_after="$(cut -d' ' -f1 /proc/loadavg)"
  line="$(grep '^{' <<<"$out" | tail -n1)"
  if [[ $rc -eq 0 && -n "$line" ]]; then
    "$RENDER_PY" - "$name" "$label" "$round" "$line" "$load_before" "$load_after" >>"$RAW" <<'PY'
import json, sys
name, fw, rnd, line, before, after = sys.argv[1:7]
r = json.loads(line)
r.update({"config": name, "fw": fw, "round": int(rnd), "load_before": float(before), "load_after": float(after)})
print(json.dumps(r))
PY
    note "  $name round $round $label: $(sed -n 's/.*"ms_per_step": *\([0-9.eE+-]*\).*/\1/p' <<<"$line") ms (load $load_before -> $load_after)"
  else
    local why
    why="$(grep -v '^\s*$' "$err" | tail -n1)"
    [[ $rc -eq 124 ]] && why="timed out after ${RUN_TIMEOUT}s"
    "$RENDER_PY" - "$name" "$label" "$round" "$rc" "$why" >>"$RAW" <<'PY'
import json, sys
name, fw, rnd, rc, why = sys.argv[1:6]
print(json.dumps({"config": name, "fw": fw, "round": int(rnd), "error": f"exit {rc}: {why}"}))
PY
    note "  $name round $round $label: FAILED (exit $rc) $why"
  fi
  rm -f "$err"
}

# ---------------------------------------------------------------- the machine
cpu_model="$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo | head -n1)"
cpu_flags="$(grep -m1 '^flags' /proc/cpuinfo | grep -o 'avx512[a-z_0-9]*' | head -n3 | tr '\n' ' ')"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
git_rev="$(git -C "$RNN4J_ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
git_branch="$(git -C "$RNN4J_ROOT" rev-parse --abbrev-ref HEAD 2>/dev/null || echo '?')"
djl_jdk="$([[ -n "$DJL_JAVA" && -x "$DJL_JAVA" ]] && "$DJL_JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p' | head -n1)"

# ---------------------------------------------------------------- the table
# finish: the run's metadata and the table of what was measured so far (also on Ctrl-C).
finish() {
  load_end="$(cut -d' ' -f1-3 /proc/loadavg)"
{
  printf '{"date": "%s", "nproc": "%s", "cpu": "%s", "cpu_flags": "%s", "load_start": "%s", "load_end": "%s",' \
    "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(nproc)" "$cpu_model" "$cpu_flags" "$load_start" "$load_end"
  printf ' "rounds": %s, "quick": %s, "rnn4j_root": "%s", "git": "%s (%s)", "djl_java": "%s", "djl_jdk": "%s",' \
    "$ROUNDS" "$QUICK" "$RNN4J_ROOT" "$git_rev" "$git_branch" "$DJL_JAVA" "$djl_jdk"
  printf ' "frameworks": "%s", "lengths": "%s", "quiet_wait": %s, "missing": {' "$FRAMEWORKS" "$LENGTHS" "$QUIET_WAIT"
  sep=""
  for f in rnn4j pytorch djl; do
    if [[ -n "${MISSING[$f]:-}" ]]; then
      printf '%s"%s": %s' "$sep" "$f" "$("$RENDER_PY" -c 'import json,sys; print(json.dumps(sys.argv[1]))' "${MISSING[$f]}")"
      sep=", "
    fi
  done
  printf '}, "configs": ['
  sep=""
  for c in "${SELECTED[@]}"; do
    read -r name cell mode T B I H L goal _ <<<"$c"
    printf '%s{"name": "%s", "cell": "%s", "mode": "%s", "T": %s, "B": %s, "I": %s, "H": %s, "L": %s, "goal": %s}' \
      "$sep" "$name" "$cell" "$mode" "$T" "$B" "$I" "$H" "$L" "$goal"
    sep=", "
  done
  printf ']}\n'
} >"$META"

"$RENDER_PY" "$BENCH_DIR/render_table.py" "$META" "$RAW" | tee "$TABLE"
note "compare.sh: table written to $TABLE"
}

# ---------------------------------------------------------------- the runs
trap 'note "compare.sh: interrupted; the table shows the runs finished so far"; trap - INT TERM; finish; exit 130' INT TERM
order=(${FRAMEWORKS//,/ })
if [[ "$LENGTHS" == uniform ]]; then # each framework packed and padded
  variants=()
  for f in "${order[@]}"; do variants+=("$f" "$f-padded"); done
  order=("${variants[@]}")
fi
n=${#order[@]}
note "compare.sh: ${#SELECTED[@]} configs x $ROUNDS rounds x {${FRAMEWORKS}}$([[ $QUICK == 1 ]] && echo ', quick'); raw results in $RAW"
for c in "${SELECTED[@]}"; do
  for ((r = 1; r <= ROUNDS; r++)); do
    for ((k = 0; k < n; k++)); do
      fw="${order[$(( (k + r - 1) % n ))]}" # rotate the order each round
      [[ -n "${MISSING[${fw%-padded}]:-}" ]] && continue
      wait_quiet
      run_one "$fw" "$c" "$r"
    done
  done
done

trap - INT TERM
finish
