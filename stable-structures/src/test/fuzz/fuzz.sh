#!/usr/bin/env bash
# Fuzzes every target of dev.stablestructures.fuzz, one after the other (Jazzer fuzzes one
# @FuzzTest per JVM), and prints each target's executions and findings. Run from the repository root:
#   bash stable-structures/src/test/fuzz/fuzz.sh [EXECUTIONS] [MAX_DURATION] [TARGET...]
# EXECUTIONS defaults to 1000000 per target, MAX_DURATION (a cap, Jazzer's syntax) to 3h.
# Each finding is written as crash-<sha1> into the target's inputs directory under
# stable-structures/src/test/resources/dev/stablestructures/fuzz/, so plain `mvn verify` replays it
# from then on; the corpus grown while fuzzing stays in stable-structures/.cifuzz-corpus (ignored).
# Inputs are cut to 16 KiB (-max_len; longer seeds are read truncated) so that the B-tree targets run
# thousands of inputs a second; the MemoryManager's inputs are sparse (chunks at offsets) but page 0
# alone is 34 KiB (its bucket table), so they may reach 64 KiB. The per-input timeout is each target's @Timeout; JUnit's own timeout is turned off here because
# it would otherwise stop the whole fuzzing run, which is one JUnit invocation.
set -u
executions=${1:-1000000}
duration=${2:-3h}
shift $(( $# > 2 ? 2 : $# ))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(BTreeMapU64FuzzTest#loadAndOperate BTreeMapBytesFuzzTest#loadAndOperate
    BTreeMapBlobFuzzTest#loadAndOperate BTreeSetFuzzTest#loadAndOperate VecFuzzTest#u64
    VecFuzzTest#blob300 CellFuzzTest#loadAndOperate LogFuzzTest#loadAndOperate
    MinHeapFuzzTest#loadAndOperate MemoryManagerFuzzTest#loadAndOpenEach)
fi
mkdir -p stable-structures/target/fuzz-logs
status=0
for target in "${targets[@]}"; do
  max_len=16384
  case "$target" in MemoryManager*) max_len=65536 ;; esac
  log="stable-structures/target/fuzz-logs/${target/\#/.}.log"
  JAZZER_FUZZ=1 mvn -B -pl stable-structures test -Dtest="$target" \
    -Dsurefire.failIfNoSpecifiedTests=false \
    -Djazzer.max_executions="$executions" -Djazzer.max_duration="$duration" \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1=-max_len=$max_len \
    -Djazzer.reproducer_path=target/fuzz-reproducers \
    -Djunit.jupiter.execution.timeout.mode=disabled >"$log" 2>&1 || status=1
  done_line=$(grep -a -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1)
  findings=$(grep -a -c -E '^== Java Exception|^==[0-9]+== ERROR|ALARM: working on the last Unit' "$log")
  echo "$target: ${done_line:-no DONE line (see $log)}; findings: $findings"
done
exit $status
