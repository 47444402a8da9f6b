#!/usr/bin/env bash
# The browser tier in two lanes at once: the outbox fault matrix (mostly waiting out
# retries and a 30 s hang, little CPU) beside every other e2e file. Each lane is
# one vitest run with one browser at a time; their outputs are printed in turn and
# the counts added up, so the last line is the whole tier.
set -uo pipefail
cd "$(dirname "$0")/../.."
mkdir -p .tmp
MATRIX=tests/e2e/outbox-fault-matrix.e2e.ts
npx vitest run --config vitest.e2e.config.ts "$MATRIX" > .tmp/e2e-matrix.log 2>&1 &
matrix=$!
npx vitest run --config vitest.e2e.config.ts --exclude "$MATRIX" > .tmp/e2e-main.log 2>&1
main_rc=$?
wait $matrix
matrix_rc=$?

for log in .tmp/e2e-main.log .tmp/e2e-matrix.log; do
  echo "===== ${log#.tmp/}"
  cat "$log"
done

total() { grep -ho "^e2e: [0-9]* passed, [0-9]* failed, [0-9]* skipped" .tmp/e2e-main.log .tmp/e2e-matrix.log | awk -v f="$1" '{ gsub(",", ""); s += $f } END { print s + 0 }'; }
passed=$(total 2); failed=$(total 4); skipped=$(total 6)
lanes=$(grep -c "^e2e: " .tmp/e2e-main.log .tmp/e2e-matrix.log | awk -F: '{ s += $2 } END { print s }')
echo
grep -h "^e2e FAILED: " .tmp/e2e-main.log .tmp/e2e-matrix.log
echo "e2e (both lanes): $passed passed, $failed failed, $skipped skipped"
echo "$passed passed, $failed failed"
# A lane that crashed before its reporter ran printed no count: that is a failure too.
if [ "$main_rc" -ne 0 ] || [ "$matrix_rc" -ne 0 ] || [ "$lanes" -ne 2 ]; then exit 1; fi
