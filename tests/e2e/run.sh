#!/usr/bin/env bash
# The browser tier in three lanes at once: the outbox fault matrix in two halves (mostly
# waiting out retries and 30 s hangs, little CPU; FAULT_MATRIX_SHARD) beside every other e2e
# file. Each lane is one vitest run with one browser at a time; their outputs are printed in
# turn and the counts added up, so the last line is the whole tier.
set -uo pipefail
cd "$(dirname "$0")/../.."
mkdir -p .tmp
MATRIX=tests/e2e/outbox-fault-matrix.e2e.ts
export FAULT_MATRIX_RUN="run-$$-$(date +%s)"
LOGS=(.tmp/e2e-main.log .tmp/e2e-matrix-1.log .tmp/e2e-matrix-2.log)
FAULT_MATRIX_SHARD=1/2 npx vitest run --config vitest.e2e.config.ts "$MATRIX" > .tmp/e2e-matrix-1.log 2>&1 &
matrix1=$!
FAULT_MATRIX_SHARD=2/2 npx vitest run --config vitest.e2e.config.ts "$MATRIX" > .tmp/e2e-matrix-2.log 2>&1 &
matrix2=$!
npx vitest run --config vitest.e2e.config.ts --exclude "$MATRIX" > .tmp/e2e-main.log 2>&1
main_rc=$?
wait $matrix1
matrix1_rc=$?
wait $matrix2
matrix2_rc=$?

for log in "${LOGS[@]}"; do
  echo "===== ${log#.tmp/}"
  cat "$log"
done

total() { grep -ho "^e2e: [0-9]* passed, [0-9]* failed, [0-9]* skipped" "${LOGS[@]}" | awk -v f="$1" '{ gsub(",", ""); s += $f } END { print s + 0 }'; }
passed=$(total 2); failed=$(total 4); skipped=$(total 6)
lanes=$(grep -c "^e2e: " "${LOGS[@]}" | awk -F: '{ s += $2 } END { print s }')
echo
grep -h "^e2e FAILED: " "${LOGS[@]}"
echo "e2e (all three lanes): $passed passed, $failed failed, $skipped skipped"
echo "$passed passed, $failed failed"
# A lane that crashed before its reporter ran printed no count: that is a failure too.
if [ "$main_rc" -ne 0 ] || [ "$matrix1_rc" -ne 0 ] || [ "$matrix2_rc" -ne 0 ] || [ "$lanes" -ne 3 ]; then exit 1; fi
