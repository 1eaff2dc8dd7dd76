#!/usr/bin/env bash
# Soak the test suite: build once with CMake (build-soak/) and Meson (mb-soak/), then run the whole
# suite under both N times and print a table of failures by test.
#   scripts/soak-tests.sh N [--load]
# --load: every second run (2, 4, ...) has a busy loop saturating one core for its whole length,
# as a TA's machine that is doing something else would. Exit 0 only when every run of both passed.
set -uo pipefail
cd "$(dirname "$0")/.."
n=${1:-}
load=0
[ "${2:-}" = "--load" ] && load=1
if ! [[ "$n" =~ ^[1-9][0-9]*$ ]] || { [ $# -gt 1 ] && [ "$load" -eq 0 ]; }; then
  echo "usage: scripts/soak-tests.sh N [--load]" >&2
  exit 2
fi
jobs=$(nproc 2>/dev/null || echo 2)
scripts/install-deps.sh test || exit 2
cmake -S . -B build-soak -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null || exit 2
cmake --build build-soak -j "$jobs" >/dev/null || { echo "soak: the CMake build failed" >&2; exit 2; }
[ -d mb-soak ] || meson setup mb-soak --buildtype=debugoptimized >/dev/null || exit 2
meson compile -C mb-soak -j "$jobs" >/dev/null || { echo "soak: the Meson build failed" >&2; exit 2; }

logs=build-soak/soak
rm -rf "$logs"; mkdir -p "$logs"
busy=
stop_busy() { [ -n "$busy" ] && kill "$busy" 2>/dev/null; wait "$busy" 2>/dev/null; busy=; }
trap stop_busy EXIT
declare -A fails   # "build test" -> how many runs failed it
runs_ok=0
for i in $(seq 1 "$n"); do
  loaded=no
  if [ "$load" -eq 1 ] && [ $((i % 2)) -eq 0 ]; then
    loaded=yes
    ( while :; do :; done ) &
    busy=$!
  fi
  start=$(date +%s)
  (cd build-soak && ctest -j "$jobs" --output-on-failure) > "$logs/ctest-$i.log" 2>&1
  ct=$?
  meson test -C mb-soak --num-processes "$jobs" --print-errorlogs > "$logs/meson-$i.log" 2>&1
  ms=$?
  stop_busy
  # ctest: "  12 - probes_test (Failed)"; meson: " 5/17 probes_test   FAIL   3.2s ..."
  while read -r t; do fails["cmake $t"]=$(( ${fails["cmake $t"]:-0} + 1 )); done \
    < <(sed -n 's/^[[:space:]]*[0-9]* - \([^ ]*\) (.*)$/\1/p' "$logs/ctest-$i.log")
  while read -r t; do fails["meson $t"]=$(( ${fails["meson $t"]:-0} + 1 )); done \
    < <(sed -n 's/^ *[0-9]*\/[0-9]* \([^ ]*\) *\(FAIL\|TIMEOUT\|ERROR\) .*/\1/p' "$logs/meson-$i.log")
  verdict=passed
  if [ "$ct" -ne 0 ] || [ "$ms" -ne 0 ]; then verdict=FAILED; else runs_ok=$((runs_ok + 1)); fi
  echo "run $i/$n: load $loaded, ctest exit $ct, meson test exit $ms, $(( $(date +%s) - start )) s: $verdict"
done

echo
echo "| build | test | failed runs |"
echo "|---|---|---|"
if [ ${#fails[@]} -eq 0 ]; then
  echo "| - | (none) | 0 of $n |"
else
  for k in "${!fails[@]}"; do echo "| ${k%% *} | ${k#* } | ${fails[$k]} of $n |"; done | sort
fi
echo
echo "soak: $runs_ok of $n runs passed under both builds (logs in $logs/)"
[ "$runs_ok" -eq "$n" ]
