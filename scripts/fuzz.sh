#!/usr/bin/env bash
# Builds csat's libFuzzer targets (tests/fuzz/fuzz_*.cpp) with clang and runs them.
#   scripts/fuzz.sh smoke [BUILD_DIR]      each target for a few seconds on its seed corpus (CTest: fuzz.smoke)
#   scripts/fuzz.sh runs N [BUILD_DIR]     each target for N executions (the long campaign: N = 10000000)
# Needs clang++ with libFuzzer (Debian: clang, libclang-rt-14-dev); without it, it says so and exits 0.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-smoke}
count=${2:-}
build=${3:-build/fuzz}
[ "$mode" = smoke ] && build=${2:-build/fuzz}
cxx=${CSAT_FUZZ_CXX:-clang++}
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf '#include <cstdint>\n#include <cstddef>\nextern "C" int LLVMFuzzerTestOneInput(const uint8_t*, size_t){return 0;}\n' >"$probe/p.cpp"
if ! command -v "$cxx" >/dev/null 2>&1 || ! "$cxx" -fsanitize=fuzzer,address,undefined "$probe/p.cpp" -o "$probe/p" >/dev/null 2>&1; then
  echo "CSAT-SKIPPED: $cxx with libFuzzer is not available; fuzz targets not run"
  exit 0
fi
cmake -S tests/fuzz -B "$build" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=None >/dev/null
cmake --build "$build" -j2 >/dev/null
status=0
for exe in "$build"/fuzz_*; do
  [ -x "$exe" ] || continue
  name=$(basename "$exe"); corpus=tests/fuzz/corpus/${name#fuzz_}
  work="$build/work/${name#fuzz_}"; mkdir -p "$work"
  if [ "$mode" = smoke ]; then
    args=(-max_total_time=8 -max_len=4096)
  else
    args=(-runs="${count:-10000000}" -max_len=4096)
  fi
  # no allocation stack traces: 5-20x more executions per second; rerun a crashing input without it for them
  if ASAN_OPTIONS=${ASAN_OPTIONS:-malloc_context_size=0} \
     "$exe" "${args[@]}" -print_final_stats=1 "$work" "$corpus" >"$build/$name.log" 2>&1; then
    runs=$(grep -m1 'stat::number_of_executed_units' "$build/$name.log" | awk '{print $2}')
    echo "$name: ok, ${runs:-?} executions, no crash"
  else
    echo "$name: FAILED (see $build/$name.log)"; tail -30 "$build/$name.log"; status=1
  fi
done
exit $status
