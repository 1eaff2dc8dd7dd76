#!/usr/bin/env bash
# The two commands of the README's quick start:
#   ./quickstart.sh        set up, build, and run the main job on the bundled defaults
#   ./quickstart.sh test   set up, build with CMake and with Meson, and run the whole test suite under both
set -euo pipefail
cd "$(dirname "$0")"
mode=${1:-run}
jobs=$(nproc 2>/dev/null || echo 2)

scripts/install-deps.sh "$mode"

case "$(pwd -P)/" in
  /tmp/*|/var/tmp/*|/dev/shm/*)
    echo "warning: this checkout is under $(pwd -P | cut -d/ -f1-2): tier A gives every run a private" \
         "/tmp, so runs will not see the probes built here (requirements go unchecked and some tests" \
         "fail); clone the project elsewhere" >&2 ;;
esac

case "$mode" in
  run)
    start=$(date +%s)
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
    # Only what running needs (the engine, its probes, the lesson plugins): the tests build in `test`.
    cmake --build build -j "$jobs" --target exengine threads locks pools
    built=$(date +%s)
    exe=build/engine/exengine
    echo
    echo "== exengine grade: the bundled sample class (examples/sample-class: a dozen students)"
    # Exits 0 when the reports are written, though some submissions fail (as the sample class is
    # meant to); any other code is an error (docs/ta-guide.md, "Exit codes").
    rm -rf build/sample-class-report  # a fresh run (grade refuses to overwrite a journal without --resume)
    $exe grade examples/sample-class --out build/sample-class-report --assignment examples/sample-assignment.toml \
      --format json,csv,junit,gradescope,html
    echo "the other reports are beside it: grades.csv, junit.xml, report.json, gradescope/"
    echo
    echo "== exengine check: a learner's first try at threads/squares, then the fixed file"
    status=0
    $exe check examples/first-check/1-forgot-join/threads/squares.py || status=$?
    [ "$status" -eq 1 ]   # wrong-output, with the teaching message
    $exe check examples/first-check/2-fixed/threads/squares.py
    echo
    echo "main job: build $((built - start)) s, grading and checks $(( $(date +%s) - built )) s" \
         "(the whole test suite, with every lesson's selftest: ./quickstart.sh test)"
    ;;
  test)
    # EXENGINE_BUILD_BENCH: the benchmark helpers, for the quick benchmark run at the end.
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DEXENGINE_BUILD_BENCH=ON >/dev/null
    cmake --build build -j "$jobs"
    # A failing suite must not stop the script before Meson has run too: collect both statuses.
    cmake_status=0
    (cd build && ctest --output-on-failure -j "$jobs") > build/ctest.log 2>&1 || cmake_status=$?
    cat build/ctest.log
    # Every lesson's references, known-bad files, seed programs and replay cheats (an instructor's
    # check: the main job shows the product instead). Once, from the CMake build.
    echo "== exengine selftest (every bundled lesson)"
    selftest_status=0
    build/engine/exengine selftest > build/selftest.log 2>&1 || selftest_status=$?
    grep -v ' ok  ' build/selftest.log | tail -n 30   # the unexpected rows and the summary
    [ -d mb ] || meson setup mb --buildtype=debugoptimized >/dev/null
    meson compile -C mb -j "$jobs" >/dev/null
    meson_status=0
    meson test -C mb --print-errorlogs --num-processes "$jobs" > mb/meson-test.log 2>&1 || meson_status=$?
    cat mb/meson-test.log
    ct_total=$(sed -n 's/.*tests failed out of \([0-9]*\).*/\1/p' build/ctest.log | tail -1)
    ct_failed=$(sed -n 's/.*, \([0-9]*\) tests failed out of.*/\1/p' build/ctest.log | tail -1)
    ms_ok=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' mb/meson-test.log | tail -1)
    ms_fail=$(sed -n 's/^Fail: *\([0-9]*\).*/\1/p' mb/meson-test.log | tail -1)
    passed=$(( ${ct_total:-0} - ${ct_failed:-0} + ${ms_ok:-0} ))
    failed=$(( ${ct_failed:-0} + ${ms_fail:-0} ))
    # Benchmarks are not timed tests: the quick mode only proves that the script works.
    echo "== bench/bench.py --quick (small N; figures in build/bench-results/latest.md)"
    bench_status=0
    /usr/bin/python3 bench/bench.py --quick --skip-build --build-dir build > build/bench-quick.log 2>&1 \
      || bench_status=$?
    tail -n 40 build/bench-quick.log
    echo
    [ "$selftest_status" -eq 0 ] && passed=$((passed + 1)) || failed=$((failed + 1))
    echo "CMake: ctest exit $cmake_status; selftest exit $selftest_status; Meson: meson test exit $meson_status;" \
         "bench --quick exit $bench_status"
    echo "$passed passed, $failed failed"
    [ "$cmake_status" -eq 0 ] && [ "$selftest_status" -eq 0 ] && [ "$meson_status" -eq 0 ] && [ "$bench_status" -eq 0 ]
    ;;
  *)
    echo "usage: ./quickstart.sh [run|test]" >&2
    exit 2
    ;;
esac
