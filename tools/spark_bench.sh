#!/usr/bin/env bash
# The rnn4j-spark throughput numbers of the README: distributed inference (sequences/s) and
# data-parallel training steps (ms, sequences/s, Spark's overhead per step) at local[1] and local[2],
# each against the single JVM measured in the same process, one rnn4j thread per task (so that
# local[N] uses N cores and the single JVM one).
#
#   tools/spark_bench.sh [REPEATS]     (default 8; each line is one JSON object)
set -euo pipefail
cd "$(dirname "$0")/.."
repeats="${1:-8}"
export RNN4J_JAVA_OPTS="${RNN4J_JAVA_OPTS:-} -Drnn4j.threads=1"
for master in 'local[1]' 'local[2]'; do
  ./rnn4j spark bench --mode infer --master "$master" --sequences 20000 --batch 256 --repeats "$repeats"
  ./rnn4j spark bench --mode train --master "$master" --batch 256 --steps $((repeats * 5))
  ./rnn4j spark bench --mode train --master "$master" --batch 32 --hidden 32 --steps $((repeats * 5))
done
