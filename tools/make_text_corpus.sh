#!/usr/bin/env bash
# Writes examples/data/kjv-pentateuch.txt, the corpus of `./rnn4j text train`: the first five books
# of the King James Version of the Bible (1611; public domain), Genesis 1:1 to Deuteronomy 34:12,
# as the `bible` program of Debian's bible-kjv package prints them at 78 columns (chapter headings,
# numbered verses, wrapped lines), without the leading blank line. ASCII only; 845,214 bytes.
#
#   apt-get install -y bible-kjv      # brings bible-kjv-text, the text and its concordance
#   tools/make_text_corpus.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v bible >/dev/null || { echo "make_text_corpus.sh: needs the 'bible' program (apt-get install -y bible-kjv)" >&2; exit 1; }
bible -l78 "Genesis1:1-Deuteronomy34:12" | sed '1{/^$/d}' > "$root/examples/data/kjv-pentateuch.txt"
wc -c "$root/examples/data/kjv-pentateuch.txt"
