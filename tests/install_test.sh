#!/usr/bin/env bash
# The installed engine, and nothing else, lets an instructor write, build, check and ship a plugin
# (issue 8), end to end:
#   1. install the build into a temporary prefix (cmake --install --prefix, or meson install --destdir);
#   2. check the installed layout, and that the installed engine finds its plugins, starters,
#      probes and toolchains there;
#   3. with the source and build trees hidden (a private mount namespace, when the machine allows
#      one): scaffold plugins with the INSTALLED binary, build one with CMake (find_package), one
#      with Meson (pkg-config) and one with a plain compiler line, against the installed SDK only;
#      the installed engine, not rebuilt, lists them, `plugin check`s them, and grades submissions
#      with their custom grader (check --json shows its message on a failure).
#
# Usage: install_test.sh cmake|meson BUILD_DIR SOURCE_DIR, or install_test.sh prefix PREFIX SOURCE_DIR
# Run by ctest (tests/CMakeLists.txt) and meson test (tests/meson.build) after a full build.
set -euo pipefail

mode=${1:?usage: install_test.sh cmake|meson BUILD_DIR SOURCE_DIR}
build=$(cd "${2:?missing BUILD_DIR}" && pwd)
source=$(cd "${3:?missing SOURCE_DIR}" && pwd)

# Not under /tmp: the sandbox gives every run a private /tmp, so an engine installed there could not
# reach its own probe files from inside a run.
base=$build
[ "$mode" != prefix ] || base=$(dirname "$build")
tmp=$(mktemp -d "$base/install-test.XXXXXX")
chmod 755 "$tmp"  # runs may drop privileges: the installed probe files must be readable to them
trap 'rm -rf "$tmp"' EXIT

fail() { echo "install_test: FAIL: $*" >&2; exit 1; }
step() { printf 'install_test [%3ss] %s\n' "$SECONDS" "$*"; }

# ---- 1. Install --------------------------------------------------------------------------------
step "installing the $mode build $build"
case $mode in
  cmake)
    cmake --install "$build" --prefix "$tmp/prefix" >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; fail "cmake --install failed"; }
    prefix=$tmp/prefix ;;
  meson)
    meson install -C "$build" --no-rebuild --destdir "$tmp/dest" >"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; fail "meson install failed"; }
    exe_found=$(find "$tmp/dest" -path '*/bin/exengine' -type f | head -n 1)
    [ -n "$exe_found" ] || fail "meson install put no bin/exengine under $tmp/dest"
    prefix=$(dirname "$(dirname "$exe_found")") ;;
  prefix)  # an installed tree made otherwise (e.g. a distribution package): tested on a copy
    cp -a "$build" "$tmp/prefix"
    prefix=$tmp/prefix ;;
  *) fail "unknown mode '$mode' (cmake, meson or prefix)" ;;
esac
exe=$prefix/bin/exengine

# ---- 2. The installed layout ---------------------------------------------------------------------
step "checking the installed layout under $prefix"
for f in bin/exengine include/exengine/abi.h include/exengine/grader.h include/exengine/plugin.h \
         include/exengine/value.h include/exengine/verdict.h \
         lib/cmake/exengine/exengineConfig.cmake lib/cmake/exengine/exengineConfigVersion.cmake \
         share/pkgconfig/exengine.pc share/exengine/toolchains.toml \
         share/exengine/probes/python/sitecustomize.pyc lib/exengine/libexengine_probe.so \
         share/exengine/templates/plugin/plugin.toml.in share/exengine/templates/plugin/plugin.cc.in; do
  [ -f "$prefix/$f" ] || fail "not installed: <prefix>/$f"
done
for topic in threads locks daemons pools queues; do
  libs=lib$topic.so
  case $topic in daemons|queues) libs= ;; esac  # TOML-only: their quizzes use threads:quiz
  for f in plugin.toml $libs; do
    [ -f "$prefix/share/exengine/plugins/$topic/$f" ] || fail "not installed: <prefix>/share/exengine/plugins/$topic/$f"
  done
  for d in solutions bad; do
    [ -d "$prefix/share/exengine/plugins/$topic/$d" ] || fail "not installed: <prefix>/share/exengine/plugins/$topic/$d/"
  done
  [ -d "$prefix/share/exengine/exercises/$topic" ] || fail "not installed: <prefix>/share/exengine/exercises/$topic/"
done
[ ! -e "$prefix/bin/exengine-build.txt" ] || fail "the build-tree marker was installed: <prefix>/bin/exengine-build.txt"
if find "$prefix/share/exengine/plugins" -name '*.cc' | grep -q .; then fail "plugin C++ sources were installed"; fi

# Everything below runs the installed files only. Where a private mount namespace is allowed, the
# source and build trees' engine, plugin and starter folders are covered with empty folders, so a
# lookup that still reaches into them fails here instead of passing by accident.
cat >"$tmp/phase2.sh" <<'PHASE2'
set -euo pipefail
fail() { echo "install_test: FAIL: $*" >&2; exit 1; }
step() { printf 'install_test [%3ss] %s\n' "$SECONDS" "$*"; }
exe=$prefix/bin/exengine
unset EXENGINE_PLUGIN_PATH
cd "$tmp"  # messages name files below the working directory relative to it

step "the installed engine: --version, list, plugin check of a bundled topic"
"$exe" --version | grep -q "plugin ABI" || fail "exengine --version"
"$exe" list >"$tmp/list.txt" 2>"$tmp/list.err" || { cat "$tmp/list.err"; fail "exengine list failed"; }
[ ! -s "$tmp/list.err" ] || { cat "$tmp/list.err"; fail "exengine list warned (see above)"; }
for topic in threads locks daemons pools queues; do
  grep -q "^$topic — " "$tmp/list.txt" || fail "exengine list does not show the bundled topic '$topic'"
done
# queues: Python runs with behaviour requirements (the probe must be found), starters in exercises/,
# and a TOML-only plugin whose quiz uses the installed threads library's grader ("threads:quiz").
"$exe" --color never plugin check "$prefix/share/exengine/plugins/queues" >"$tmp/queues.txt" 2>&1 \
  || { cat "$tmp/queues.txt"; fail "plugin check of the installed queues topic failed"; }
grep -q "^ok    library  *none: a TOML-only plugin" "$tmp/queues.txt" \
  || { cat "$tmp/queues.txt"; fail "queues is not a TOML-only plugin"; }
grep -q "^ok    .*queues/quiz" "$tmp/queues.txt" \
  || { cat "$tmp/queues.txt"; fail "queues/quiz (graded by threads:quiz from the prefix) was not checked"; }

t0=$SECONDS
step "scaffolding plugins with the installed binary"
lessons=$tmp/lessons
"$exe" plugin new lesson-cmake --dir "$lessons" >"$tmp/new.txt" || fail "plugin new lesson-cmake"
grep -q "^created $lessons/lesson-cmake/" "$tmp/new.txt" || { cat "$tmp/new.txt"; fail "plugin new: no 'created' line"; }
"$exe" plugin new lesson-meson --dir "$lessons" >/dev/null || fail "plugin new lesson-meson"
"$exe" plugin new lesson-plain --dir "$lessons" >/dev/null || fail "plugin new lesson-plain"
for f in plugin.toml plugin.cc CMakeLists.txt meson.build starter/workers.py solutions/workers.py \
         bad/workers.missing-worker.py; do
  [ -f "$lessons/lesson-cmake/$f" ] || fail "plugin new did not make $f"
done
grep -q '^abi = 2 ' "$lessons/lesson-cmake/plugin.toml" || fail "plugin new: plugin.toml's abi is not the engine's"
if "$exe" plugin new lesson-cmake --dir "$lessons" 2>"$tmp/again.err"; then fail "plugin new overwrote a folder"; fi
[ "$(cat "$tmp/again.err")" = "exengine: error: $lessons/lesson-cmake already exists; nothing was written (choose another name or --dir)" ] \
  || { cat "$tmp/again.err"; fail "plugin new over an existing folder: wrong message"; }
if "$exe" plugin new Bad_Name --dir "$lessons" 2>"$tmp/name.err"; then fail "plugin new accepted Bad_Name"; fi
[ "$(cat "$tmp/name.err")" = "exengine: error: plugin name 'Bad_Name' must start with a lower-case letter (a-z)" ] \
  || { cat "$tmp/name.err"; fail "plugin new Bad_Name: wrong message"; }

step "building lesson-cmake with CMake against the installed SDK (find_package)"
cmake -S "$lessons/lesson-cmake" -B "$tmp/build-cmake" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF >"$tmp/cmake.log" 2>&1 || { cat "$tmp/cmake.log"; fail "cmake configure"; }
grep -q "^exengine_DIR:PATH=$prefix/lib/cmake/exengine\$" "$tmp/build-cmake/CMakeCache.txt" \
  || fail "CMake found exengine somewhere else than $prefix"
cmake --build "$tmp/build-cmake" >>"$tmp/cmake.log" 2>&1 || { cat "$tmp/cmake.log"; fail "cmake build"; }
[ -f "$lessons/lesson-cmake/liblesson-cmake.so" ] || fail "CMake did not put liblesson-cmake.so into the plugin folder"

step "building lesson-meson with Meson against the installed SDK (pkg-config)"
PKG_CONFIG_PATH=$prefix/share/pkgconfig meson setup "$tmp/build-meson" "$lessons/lesson-meson" >"$tmp/meson.log" 2>&1 \
  || { cat "$tmp/meson.log"; fail "meson setup"; }
ninja -C "$tmp/build-meson" >>"$tmp/meson.log" 2>&1 || { cat "$tmp/meson.log"; fail "meson build"; }
[ -f "$lessons/lesson-meson/liblesson-meson.so" ] || fail "Meson did not put liblesson-meson.so into the plugin folder"

step "building lesson-plain with a plain compiler line (pkg-config --cflags)"
# shellcheck disable=SC2046
c++ $(PKG_CONFIG_PATH=$prefix/share/pkgconfig pkg-config --cflags exengine) -shared -fPIC \
  "$lessons/lesson-plain/plugin.cc" -o "$lessons/lesson-plain/liblesson-plain.so" || fail "plain compiler line"
[ "$(PKG_CONFIG_PATH=$prefix/share/pkgconfig pkg-config --variable=plugindir exengine)" -ef "$prefix/share/exengine/plugins" ] \
  || fail "pkg-config's plugindir is not <prefix>/share/exengine/plugins"
for lib in lesson-cmake/liblesson-cmake.so lesson-meson/liblesson-meson.so lesson-plain/liblesson-plain.so; do
  nm -D --defined-only "$lessons/$lib" | grep -q ' exengine_plugin_entry$' || fail "$lib does not export exengine_plugin_entry"
done
for b in build-cmake build-meson; do
  line=$(ninja -C "$tmp/$b" -t commands | grep -- ' -c .*plugin\.cc' || true)
  case "$line" in *-std=*++20*) ;; *) fail "$b: no -std=c++20 on the compile line: $line" ;; esac
  case "$line" in *-fvisibility=hidden*) ;; *) fail "$b: no -fvisibility=hidden on the compile line: $line" ;; esac
done

step "the installed engine lists the new plugins (--plugins and EXENGINE_PLUGIN_PATH)"
"$exe" --plugins "$lessons" list >"$tmp/list2.txt" 2>"$tmp/list2.err" || { cat "$tmp/list2.err"; fail "list --plugins"; }
[ ! -s "$tmp/list2.err" ] || { cat "$tmp/list2.err"; fail "list --plugins warned"; }
for p in lesson-cmake lesson-meson lesson-plain; do
  grep -q "^  $p/workers " "$tmp/list2.txt" || { cat "$tmp/list2.txt"; fail "list does not show $p/workers"; }
done
EXENGINE_PLUGIN_PATH=$lessons "$exe" list | grep -q "^  lesson-meson/workers " || fail "EXENGINE_PLUGIN_PATH is not searched"

step "plugin check on each new plugin"
for p in lesson-cmake lesson-meson lesson-plain; do
  "$exe" --color never plugin check "$lessons/$p" >"$tmp/check-$p.txt" 2>&1 || { cat "$tmp/check-$p.txt"; fail "plugin check $p"; }
  grep -q "^ok    library .*liblesson-.*\.so (ABI 2): graders all-workers\$" "$tmp/check-$p.txt" \
    || { cat "$tmp/check-$p.txt"; fail "plugin check $p: no library line"; }
  grep -q "^ok    known-bad .*bad/workers.missing-worker.py: wrong-output, as declared\$" "$tmp/check-$p.txt" \
    || { cat "$tmp/check-$p.txt"; fail "plugin check $p: the known-bad did not fail as declared"; }
  grep -q "^plugin check: $p: \([0-9]*\) of \1 checks ok\$" "$tmp/check-$p.txt" \
    || { cat "$tmp/check-$p.txt"; fail "plugin check $p: summary"; }
done

step "grading submissions with the custom grader"
mkdir -p "$tmp/student"
cat >"$tmp/student/twice.py" <<'PY'
import threading

def work(n):
    print(f"worker {n} done")

threads = [threading.Thread(target=work, args=(n,)) for n in (0, 1, 1, 2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
PY
set +e
"$exe" --plugins "$lessons" check --json -e lesson-meson/workers "$tmp/student/twice.py" >"$tmp/twice.json" 2>"$tmp/twice.err"
rc=$?
set -e
[ "$rc" -eq 1 ] || { cat "$tmp/twice.err"; fail "check of a wrong submission exited $rc, not 1"; }
python3 - "$tmp/twice.json" <<'PY' || fail "check --json does not show the custom grader's verdict and message"
import json, sys
r = json.load(open(sys.argv[1]))[0]
assert r["exercise"] == "lesson-meson/workers", r["exercise"]
assert r["verdict"] == "wrong-output", r["verdict"]
assert r["message"] == "worker 1 reported 2 times", r["message"]
PY
"$exe" --plugins "$lessons" check -e lesson-cmake/workers "$lessons/lesson-cmake/solutions/workers.py" >/dev/null \
  || fail "the reference solution does not pass with lesson-cmake's grader"
step "scaffold -> build (CMake, Meson, c++) -> check -> grade: $((SECONDS - t0)) s"
PHASE2

export prefix tmp
hide=()
for d in "$source/engine" "$source/plugins" "$source/exercises" "$source/cmake" "$build/engine" "$build/plugins"; do
  [ -d "$d" ] && hide+=("$d")
done
if unshare -m --propagation private true 2>/dev/null; then
  step "hiding ${hide[*]} (private mount namespace)"
  unshare -m --propagation private bash -c '
    script=$1; shift
    for d in "$@"; do mount -t tmpfs -o ro exengine-hidden "$d" || exit 1; done
    exec bash "$script"' _ "$tmp/phase2.sh" "${hide[@]}"
else
  step "note: no private mount namespace here; the source and build trees stay visible"
  bash "$tmp/phase2.sh"
fi
step "passed"
