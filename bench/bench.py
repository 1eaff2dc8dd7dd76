#!/usr/bin/python3
"""exengine benchmarks (issue 9): the engine against the floor and against a shell-loop grader.

Builds what it needs (a Release tree, default <repo>/build-bench), measures everything side by side
in one run, prints one table and writes <out>/latest.json and <out>/latest.md.

  /usr/bin/python3 bench/bench.py            # full run (tens of minutes on a loaded 2-core box)
  /usr/bin/python3 bench/bench.py --quick    # small N, small classes: proves the script works

Every figure is the median of --repeat measurements; the repetitions of the per-run rows are
interleaved (floor, shell, engine, floor, ...) so that a change of the machine's load hits them
alike. Wall time is what a user waits for; CPU time (user+system of the whole process tree, from
wait4) does not depend on the load of a shared machine and is reported beside it.
See bench/README.md for what each row measures.
"""
import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PYTHON = "/usr/bin/python3"
CXXFLAGS = ["-std=c++20", "-pthread", "-O2"]  # engine/toolchains.toml [cpp] flags


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run_timed(argv, cwd=None, env=None, check=True, stdout=subprocess.DEVNULL, poll_rss=False):
    """Runs argv; returns (wall_s, cpu_s of the whole tree, peak VmHWM kB of argv's own process or 0).

    CPU: rusage of the child as returned by wait4, which includes its waited-for descendants."""
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, cwd=cwd, env=env, stdout=stdout, stderr=subprocess.PIPE)
    hwm = [0]
    stop = threading.Event()

    def sample():
        path = f"/proc/{p.pid}/status"
        while not stop.is_set():
            try:
                with open(path) as f:
                    for line in f:
                        if line.startswith("VmHWM:"):
                            hwm[0] = max(hwm[0], int(line.split()[1]))
            except (OSError, ValueError):
                pass
            stop.wait(0.01)

    sampler = threading.Thread(target=sample, daemon=True) if poll_rss else None
    if sampler:
        sampler.start()
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    if sampler:
        stop.set()
        sampler.join()
    if check and p.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, argv))} exited {p.returncode}: {err.decode(errors='replace')[-2000:]}")
    return wall, ru.ru_utime + ru.ru_stime, hwm[0]


def median(xs):
    return statistics.median(xs) if xs else float("nan")


# ---------------------------------------------------------------------------------------------
# Build


def build(build_dir, skip):
    exe = build_dir / "engine/exengine"
    if not skip:
        log(f"building in {build_dir} (Release)")
        subprocess.run(["cmake", "-S", str(REPO), "-B", str(build_dir), "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release",
                        "-DEXENGINE_BUILD_BENCH=ON"], check=True, stdout=subprocess.DEVNULL)
        subprocess.run(["ninja", "-C", str(build_dir), "exengine", "bench_floor", "runner_bench"], check=True,
                       stdout=subprocess.DEVNULL)
    for f in (exe, build_dir / "bench/bench_floor", build_dir / "bench/runner_bench"):
        if not f.exists():
            sys.exit(f"bench: {f} is missing (build without --skip-build)")
    return exe, build_dir / "bench/bench_floor", build_dir / "bench/runner_bench"


# ---------------------------------------------------------------------------------------------
# Synthetic plugin and classes

CPU_WORK = 300000  # loop iterations of one CPU-bound run (~60 ms of Python on an idle core)
SLEEP_S = 0.3      # long beside Python's start (~20 ms), so the mix is sleep-bound


def cpu_program(k):
    return f"n = 0\nfor i in range({CPU_WORK + 1000 * k}):\n    n += i * i % 7\nprint(n)\n"


def cpu_expected(k):
    return f"{sum(i * i % 7 for i in range(CPU_WORK + 1000 * k))}\n"


def sleep_program(k):
    return f"import time\ntime.sleep({SLEEP_S})\nprint('slept {k}')\n"


def toml_str(s):
    return json.dumps(s)  # a JSON string is a valid TOML basic string


def write_plugin(root, exercises_per_mix):
    """A TOML-only plugin, topic `bench`: bench/hello (Python and C++) and the two mixes."""
    d = root / "plugins/bench"
    d.mkdir(parents=True)
    parts = ['[plugin]\nname = "bench"\ntitle = "Benchmarks"\nversion = "1.0.0"\nabi = 2\n']

    def exercise(ex_id, expected, languages='["python"]', timeout=60):
        parts.append(f'[[exercise]]\nid = "{ex_id}"\ntitle = "{ex_id}"\nprompt = "benchmark"\n'
                     f'languages = {languages}\ntimeout = {timeout}\n'
                     f'grader = {{ name = "exact", expected = {toml_str(expected)} }}\n')

    exercise("bench/hello", "hello\n", '["python", "cpp"]')
    for k in range(exercises_per_mix):
        exercise(f"bench/cpu-{k}", cpu_expected(k))
        exercise(f"bench/sleep-{k}", f"slept {k}\n")
    (d / "plugin.toml").write_text("\n".join(parts))
    return root / "plugins"


def write_class(root, name, students, exercises, program):
    d = root / name
    for s in range(students):
        t = d / f"s{s:03d}/bench"
        t.mkdir(parents=True)
        for k in range(exercises):
            (t / f"{program.__name__.split('_')[0]}-{k}.py").write_text(program(k))
    return d


CPP_HELLO = """#include <cstdio>
int main() { std::puts("hello"); }
"""


REPORT_EXERCISES = 20
ALL_SECTIONS = {"per-run", "scaling", "memory", "reports", "compile"}


def write_journal_shard(root, name, results):
    """A `grade --out` folder of `results` synthetic results (students x 20 exercises, ~7 kB each,
    as a Python class's results are: output in the result and its trial), in the interleaved order
    parallel workers write them, with the shard.json that `merge` checks."""
    d = root / name
    d.mkdir(parents=True, exist_ok=True)
    students = [f"student{s:05d}" for s in range(max(1, results // REPORT_EXERCISES))]
    exercises = [f"bench/report-{e:02d}" for e in range(REPORT_EXERCISES)]
    with (d / "journal.jsonl").open("w") as f:
        n = 0
        for e, ex in enumerate(exercises):
            for s, st in enumerate(students):
                if n == results:
                    break
                n += 1
                ok = (s + e) % 4 != 0
                out = ("%s line %d\n" % (st, e)) * 150
                trial = {"verdict": "passed" if ok else "wrong-output", "message": "" if ok else f"line {e % 7} differs",
                         "diff": "", "exit_code": 0, "signal": None, "wall_ms": 40.0, "cpu_ms": 30.0,
                         "peak_rss_kb": 9000, "stdout": out, "stderr": "", "probe": None, "seed": 0}
                r = {"exercise": ex, "language": "python", "file": f"{st}/bench/report-{e:02d}.py", "student": st,
                     "verdict": trial["verdict"], "score": 1 if ok else 0, "max_score": 1, "message": trial["message"],
                     "diff": "" if ok else "--- expected\n+++ got\n-1\n+2\n", "wall_ms": 40.0, "cpu_ms": 30.0,
                     "peak_rss_kb": 9000, "exit_code": 0, "signal": None, "stdout": out, "stderr": "",
                     "probe": None, "trials": [trial], "trials_passed": 1 if ok else 0, "tier": "A",
                     "compiled": False, "cache_hit": False}
                f.write(json.dumps(r, separators=(",", ":"), sort_keys=True) + "\n")
    stamp = {"format": "exengine-shard", "version": 1, "shard": 1, "shards": 1, "engine": "bench",
             "class_hash": hashlib.sha256("\0".join(students).encode()).hexdigest(), "students": students,
             "exercises": exercises, "options": {"students": []}}
    (d / "shard.json").write_text(json.dumps(stamp, indent=2) + "\n")
    return d


def cpp_submission(i):
    # Distinct sources (each its own compile) with the headers a threads exercise includes.
    return f"""#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

int main() {{
  const int id = {i};
  std::mutex m;
  std::vector<std::thread> ts;
  std::string s;
  for (int t = 0; t < 2; ++t) ts.emplace_back([&] {{ std::lock_guard<std::mutex> g(m); s += id < 0 ? "x" : ""; }});
  for (auto& t : ts) t.join();
  std::cout << "hello" << s << std::endl;
}}
"""


# ---------------------------------------------------------------------------------------------
# Measurements


class Bench:
    def __init__(self, args, exe, floor, runner_bench, work):
        self.a = args
        self.exe = exe
        self.floor = floor
        self.runner_bench = runner_bench
        self.work = work
        self.plugins = None
        # PATH: the engine takes the first real python3 on it; the floor runs /usr/bin/python3.
        # The compile cache: a fresh one per bench run. As root the runs switch to unprivileged uids,
        # which a build tree in /root would shut out of the compiled programs: /var/cache then.
        self.cache_root = Path("/var/cache/exengine-bench") if os.geteuid() == 0 else work
        shutil.rmtree(self.cache_root / "cache", ignore_errors=True)
        self.env = dict(os.environ, EXENGINE_CACHE_DIR=str(self.cache_root / "cache"), PATH="/usr/bin:/bin")
        self.env.pop("EXENGINE_PLUGIN_PATH", None)
        self.results = {}

    def engine(self, *args, tier=None, probe=True):
        argv = [str(self.exe), "--no-default-plugins", "--plugins", str(self.plugins), "--color", "never"]
        if tier:
            argv += ["--tier", tier]
        return argv + list(args), (self.env if probe else dict(self.env, EXENGINE_NO_PROBE="1"))

    def engine_check(self, file, trials, tier=None, probe=True):
        argv, env = self.engine("check", "--json", "--trials", str(trials), "--exercise", "bench/hello", str(file),
                                tier=tier, probe=probe)
        out = self.work / "check.json"
        with open(out, "wb") as f:
            wall, cpu, _ = run_timed(argv, cwd=file.parent, env=env, stdout=f, check=False)
        results = json.loads(out.read_text())
        bad = [t for r in results for t in r["trials"] if t["verdict"] != "passed"]
        if bad or len(results[0]["trials"]) != trials:
            r = results[0]
            raise RuntimeError(f"engine check of {file}: {r['verdict']}: {r['message']} "
                               f"({len(bad)} of {len(r['trials'])} trials failed)")
        return wall, cpu, results[0]

    # -- 1, 2, 6: per-run overhead ------------------------------------------------------------
    def per_run(self, lang, prog_argv, file):
        n = self.a.runs
        expected = self.work / "expected.txt"
        expected.write_text("hello\n")
        cwd = file.parent
        shell = ("for ((i = 0; i < $N; i++)); do timeout 5 \"$@\" > out.txt; cmp -s out.txt expected.txt "
                 "|| { echo FAIL; exit 1; }; done")
        # The tool a TA would otherwise script (issue 14): bubblewrap with every namespace, a new
        # session, the system read-only and the program's folder bound.
        bwrap = ("for ((i = 0; i < $N; i++)); do bwrap --unshare-all --die-with-parent --new-session "
                 "--ro-bind /usr /usr --symlink usr/bin /bin --symlink usr/lib /lib --symlink usr/lib64 /lib64 "
                 "--ro-bind /etc/ld.so.cache /etc/ld.so.cache --proc /proc --dev /dev --tmpfs /tmp "
                 "--ro-bind \"$PWD\" \"$PWD\" --chdir \"$PWD\" \"$@\" > out.txt; "
                 "cmp -s out.txt expected.txt || { echo FAIL; exit 1; }; done")
        variants = {
            "floor": lambda: run_timed([str(self.floor), str(n), str(expected)] + prog_argv, cwd=cwd),
            "shell": lambda: run_timed(["bash", "-c", shell, "bash"] + prog_argv, cwd=cwd,
                                       env=dict(os.environ, N=str(n))),
        }
        if shutil.which("bwrap"):
            variants["bwrap"] = lambda: run_timed(["bash", "-c", bwrap, "bash"] + prog_argv, cwd=cwd,
                                                  env=dict(os.environ, N=str(n)))
        # The engine: the slope between --trials n and --trials 1 is the cost of one more run
        # (start-up, plugin loading, the tier probe and the compile-cache lookup cancel out).
        engine_rows = {"engine": dict(), "engine-tierB": dict(tier="B"), "engine-noprobe": dict(probe=False)}
        for name, kw in engine_rows.items():
            variants[name] = (lambda kw=kw: self.engine_check(file, n, **kw)[:2])
            variants[name + "@1"] = (lambda kw=kw: self.engine_check(file, 1, **kw)[:2])
        self.engine_check(file, 1)  # warm: compile cache, page cache
        samples = {k: [] for k in variants}
        for rep in range(self.a.repeat):
            for name, fn in variants.items():
                wall, cpu = fn()[:2]
                samples[name].append((wall, cpu))
            log(f"  {lang} per-run: repetition {rep + 1}/{self.a.repeat} done")
        rows = {}
        for name in [k for k in ("floor", "shell", "bwrap") if k in samples]:
            rows[name] = {"wall_ms": median([w for w, _ in samples[name]]) * 1e3 / n,
                          "cpu_ms": median([c for _, c in samples[name]]) * 1e3 / n}
        for name in engine_rows:
            walls = [(w - w1) / (n - 1) for (w, _), (w1, _) in zip(samples[name], samples[name + "@1"])]
            cpus = [(c - c1) / (n - 1) for (_, c), (_, c1) in zip(samples[name], samples[name + "@1"])]
            rows[name] = {"wall_ms": median(walls) * 1e3, "cpu_ms": median(cpus) * 1e3,
                          "startup_ms": median([w1 for w1, _ in samples[name + "@1"]]) * 1e3}
        floor = rows["floor"]
        for r in rows.values():
            r["over_floor_ms"] = r["wall_ms"] - floor["wall_ms"]
            r["ratio"] = r["wall_ms"] / floor["wall_ms"]
            r["cpu_over_floor_ms"] = r["cpu_ms"] - floor["cpu_ms"]
        return rows

    def runner_only(self, prog_argv):
        walls = {"bare_ms": [], "B_ms": [], "A_ms": []}
        tier = "?"
        for _ in range(self.a.repeat):
            p = subprocess.run([str(self.runner_bench), str(self.a.runs)] + prog_argv, capture_output=True, text=True,
                               check=True)
            j = json.loads(p.stdout)
            tier = j["A_tier"]
            for k in walls:
                walls[k].append(j[k])
        return {k: median(v) for k, v in walls.items()} | {"A_tier": tier}

    # -- 3, 5: scaling and memory ---------------------------------------------------------------
    def grade(self, class_dir, exercises, jobs, tag):
        out = self.work / f"out-{tag}"
        shutil.rmtree(out, ignore_errors=True)
        args = ["grade", str(class_dir), "--out", str(out), "--quiet", "--format", "json", "--exercise",
                ",".join(exercises)]
        if jobs:
            args += ["--jobs", str(jobs)]
        argv, env = self.engine(*args)
        # grade exits 0 whenever the reports are written, whatever the students scored.
        wall, cpu, hwm = run_timed(argv, env=env, check=True, poll_rss=True)
        results = [json.loads(line) for line in (out / "journal.jsonl").read_text().splitlines() if line.strip()]
        results = [r for r in results if "verdict" in r]
        return wall, cpu, hwm, results

    def scaling(self):
        s, e = self.a.students, self.a.exercises
        rows = {}
        for mix, program in (("cpu", cpu_program), ("sleep", sleep_program)):
            class_dir = write_class(self.work, f"class-{mix}", s, e, program)
            exercises = [f"bench/{mix}-{k}" for k in range(e)]
            walls = {1: [], 0: []}
            rss = []
            for rep in range(self.a.repeat):
                for jobs in (1, 0):
                    wall, cpu, hwm, results = self.grade(class_dir, exercises, jobs, f"{mix}-{jobs}")
                    passed = sum(r["verdict"] == "passed" for r in results)
                    if passed != s * e:
                        raise RuntimeError(f"{mix} class at --jobs {jobs or 'default'}: {passed} of {s * e} passed")
                    walls[jobs].append(wall)
                    rss.append(hwm)
                log(f"  {mix} class: repetition {rep + 1}/{self.a.repeat} done")
            rows[mix] = {"runs": s * e, "jobs1_s": median(walls[1]), "default_s": median(walls[0]),
                         "speedup": median(walls[1]) / median(walls[0]), "peak_rss_mb": max(rss) / 1024}
        rows["sleep"]["sum_sleeps_per_core_s"] = s * e * SLEEP_S / os.cpu_count()
        return rows

    def memory(self):
        """Peak RSS of the engine on the sleep mix at two class sizes (default --jobs)."""
        e = self.a.exercises
        sizes = [max(1, self.a.students // 4), self.a.students]
        rows = []
        for size in sizes:
            class_dir = write_class(self.work, f"class-mem-{size}", size, e, sleep_program)
            peaks = []
            for _ in range(self.a.repeat):
                _, _, hwm, results = self.grade(class_dir, [f"bench/sleep-{k}" for k in range(e)], 0, f"mem-{size}")
                if len(results) != size * e:
                    raise RuntimeError(f"memory class of {size}: {len(results)} results")
                peaks.append(hwm / 1024)
            rows.append({"students": size, "runs": size * e, "peak_rss_mb": median(peaks)})
        return rows

    def reports(self):
        """Peak RSS and wall of `exengine merge` writing every report of a synthetic journal at two
        sizes (the same streaming code as grade's reports: ClassResults over the journal file)."""
        sizes = [self.a.report_results // 10, self.a.report_results]
        rows = []
        for size in sizes:
            shard = write_journal_shard(self.work, f"journal-{size}", size)
            out = self.work / f"merged-{size}"
            peaks, walls = [], []
            for _ in range(self.a.repeat):
                shutil.rmtree(out, ignore_errors=True)
                argv, env = self.engine("merge", str(out), str(shard))
                wall, _, hwm = run_timed(argv, env=env, check=True, poll_rss=True)
                merged = sum(1 for line in (out / "journal.jsonl").open() if line.strip())
                if merged != size:
                    raise RuntimeError(f"merge of {size} results wrote {merged}")
                peaks.append(hwm / 1024)
                walls.append(wall)
            rows.append({"results": size, "journal_mb": (shard / "journal.jsonl").stat().st_size / 2**20,
                         "peak_rss_mb": median(peaks), "wall_s": median(walls)})
        return rows

    # -- 4: C++ compilation ---------------------------------------------------------------------
    def compilation(self):
        m = self.a.cpp_students
        rows = {}

        def make_class(name, offset):
            d = self.work / name
            for i in range(m):
                t = d / f"s{i:03d}/bench"
                t.mkdir(parents=True)
                (t / "hello.cpp").write_text(cpp_submission(offset + i))
            return d

        naive = []
        engine_cold = []
        engine_warm = []
        engine_par = []
        resub = []
        resub_compiles = []
        for rep in range(self.a.repeat):
            class_a = make_class(f"cpp-a-{rep}", 1000 * rep)
            class_b = make_class(f"cpp-b-{rep}", 1000 * rep + 500)
            # Naive: one g++ per file, one after the other, as a TA's loop would.
            bin_dir = self.work / f"naive-bin-{rep}"
            bin_dir.mkdir()
            t0 = time.perf_counter()
            for i, f in enumerate(sorted(class_a.glob("*/bench/hello.cpp"))):
                subprocess.run(["g++", *CXXFLAGS, str(f), "-o", str(bin_dir / str(i))], check=True)
            naive.append(time.perf_counter() - t0)
            # The engine, one job (the same parallelism as the loop), fresh cache: builds the
            # precompiled header once, then each submission.
            shutil.rmtree(self.cache_root / f"cache-cpp-{rep}", ignore_errors=True)
            self.env["EXENGINE_CACHE_DIR"] = str(self.cache_root / f"cache-cpp-{rep}")
            wall, _, _, results = self.grade(class_a, ["bench/hello"], 1, f"cpp-cold-{rep}")
            self.check_cpp(results, m)
            engine_cold.append(wall)
            # Distinct submissions again, precompiled header already built.
            wall, _, _, results = self.grade(class_b, ["bench/hello"], 1, f"cpp-warm-{rep}")
            self.check_cpp(results, m)
            engine_warm.append(wall)
            # The same at the default --jobs (how the engine grades a class).
            class_c = make_class(f"cpp-c-{rep}", 1000 * rep + 700)
            wall, _, _, results = self.grade(class_c, ["bench/hello"], 0, f"cpp-par-{rep}")
            self.check_cpp(results, m)
            engine_par.append(wall)
            # Resubmission: the same class again.
            wall, _, _, results = self.grade(class_b, ["bench/hello"], 1, f"cpp-resub-{rep}")
            self.check_cpp(results, m)
            resub.append(wall)
            resub_compiles.append(sum(1 for r in results if r.get("compiled") and not r.get("cache_hit")))
            log(f"  C++ compile: repetition {rep + 1}/{self.a.repeat} done")
        self.env["EXENGINE_CACHE_DIR"] = str(self.cache_root / "cache")
        rows = {"submissions": m, "naive_s": median(naive), "engine_cold_s": median(engine_cold),
                "engine_warm_pch_s": median(engine_warm), "engine_default_jobs_s": median(engine_par),
                "resubmission_s": median(resub),
                "resubmission_compiles": max(resub_compiles)}
        rows["speedup_cold"] = rows["naive_s"] / rows["engine_cold_s"]
        rows["speedup_warm_pch"] = rows["naive_s"] / rows["engine_warm_pch_s"]
        rows["speedup_default_jobs"] = rows["naive_s"] / rows["engine_default_jobs_s"]
        return rows

    @staticmethod
    def check_cpp(results, m):
        passed = sum(r["verdict"] == "passed" for r in results)
        if passed != m:
            bad = [r for r in results if r["verdict"] != "passed"][:1]
            raise RuntimeError(f"C++ class: {passed} of {m} passed: {bad}")


# ---------------------------------------------------------------------------------------------
# Report


def met(ok):
    return "met" if ok else "NOT MET"


def table(res):
    lines = []
    env = res["environment"]
    lines.append(f"exengine benchmarks, {env['date']}, commit {env['commit']}, {env['cpus']} cores, "
                 f"kernel {env['kernel']}, load average {env['load_before']:.1f} before / {env['load_after']:.1f} after"
                 f"{' (quick mode)' if env['quick'] else ''}")
    lines.append(f"medians of {env['repeat']} repetitions; per-run rows: {env['runs']} runs each; "
                 "wall = what a user waits for, cpu = user+system of the whole process tree")
    lines.append("")
    lines.append("| measurement | figure | target | verdict |")
    lines.append("|---|---|---|---|")

    def row(what, figure, target="", verdict=""):
        lines.append(f"| {what} | {figure} | {target} | {verdict} |")

    for lang in ("cpp", "python"):
        r = res["per_run"][lang]
        f, sh, e = r["floor"], r["shell"], r["engine"]
        label = "C++" if lang == "cpp" else "Python"
        row(f"{label} per run: floor (fork/exec/wait + compare)", f"{f['wall_ms']:.2f} ms wall, {f['cpu_ms']:.2f} ms cpu")
        row(f"{label} per run: shell loop (timeout + cmp)",
            f"{sh['wall_ms']:.2f} ms wall (+{sh['over_floor_ms']:.2f}, {sh['ratio']:.2f}x floor), {sh['cpu_ms']:.2f} ms cpu")
        if lang == "cpp":
            ok = e["over_floor_ms"] <= 2.0
            row(f"{label} per run: exengine, tier {res['tier']}, probe on",
                f"{e['wall_ms']:.2f} ms wall (+{e['over_floor_ms']:.2f}, {e['ratio']:.2f}x floor), "
                f"{e['cpu_ms']:.2f} ms cpu (+{e['cpu_over_floor_ms']:.2f})",
                "<= +2 ms over the floor", met(ok) + ("" if ok else f" (gap {e['over_floor_ms'] - 2:.2f} ms)"))
        else:
            ok = e["ratio"] <= 1.10
            row(f"{label} per run: exengine, tier {res['tier']}, probe on",
                f"{e['wall_ms']:.2f} ms wall (+{e['over_floor_ms']:.2f}, {e['ratio']:.2f}x floor), "
                f"{e['cpu_ms']:.2f} ms cpu (+{e['cpu_over_floor_ms']:.2f})",
                "<= 1.10x the bare interpreter", met(ok) + ("" if ok else f" (gap {(e['ratio'] - 1.10) * 100:.0f} points)"))
        ok = e["wall_ms"] < sh["wall_ms"]
        row(f"{label} per run: exengine vs shell loop", f"{e['wall_ms'] / sh['wall_ms']:.2f}x the shell loop's time",
            "faster than the shell loop", met(ok))
        if "bwrap" in r:
            bw = r["bwrap"]
            row(f"{label} per run: bubblewrap loop (--unshare-all --die-with-parent --new-session, ro /usr)",
                f"{bw['wall_ms']:.2f} ms wall (+{bw['over_floor_ms']:.2f}, {bw['ratio']:.2f}x floor), {bw['cpu_ms']:.2f} ms cpu")
            ok = e["wall_ms"] < bw["wall_ms"]
            row(f"{label} per run: exengine (full sandbox) vs bubblewrap loop",
                f"{e['wall_ms']:.2f} / {bw['wall_ms']:.2f} ms = {e['wall_ms'] / bw['wall_ms']:.2f}x the bwrap loop's time",
                "faster than the bwrap loop", met(ok))
        else:
            row(f"{label} per run: bubblewrap loop", "bwrap not installed (apt-get install bubblewrap)", "faster than the bwrap loop", "not measured")
    for lang in ("cpp", "python"):
        r = res["per_run"][lang]
        label = "C++" if lang == "cpp" else "Python"
        a, b, np_ = r["engine"], r["engine-tierB"], r["engine-noprobe"]
        row(f"{label}: cost of tier A (namespaces, cgroups) over tier B",
            f"{a['wall_ms']:.2f} / {b['wall_ms']:.2f} ms = {a['wall_ms'] / b['wall_ms']:.2f}x wall; "
            f"cpu {a['cpu_ms'] / b['cpu_ms']:.2f}x", "reported")
        row(f"{label}: cost of the behaviour probe (on / off)",
            f"{a['wall_ms']:.2f} / {np_['wall_ms']:.2f} ms = {a['wall_ms'] / np_['wall_ms']:.2f}x wall; "
            f"cpu {a['cpu_ms'] / np_['cpu_ms']:.2f}x", "reported")
    ro = res["runner_only"]
    row("runner alone (/bin/true): bare / tier B / tier A",
        f"{ro['bare_ms']:.2f} / {ro['B_ms']:.2f} (+{ro['B_ms'] - ro['bare_ms']:.2f}) / {ro['A_ms']:.2f} "
        f"(+{ro['A_ms'] - ro['bare_ms']:.2f}) ms", "reported")
    sc = res["scaling"]
    c, s = sc["cpu"], sc["sleep"]
    ok = c["speedup"] >= 1.8
    row(f"scaling, CPU-bound class ({c['runs']} runs): --jobs 1 / default",
        f"{c['jobs1_s']:.1f} s / {c['default_s']:.1f} s = {c['speedup']:.2f}x", f">= 1.8x on {env['cpus']} cores",
        met(ok) + ("" if ok else f" (gap {1.8 - c['speedup']:.2f}x)"))
    ok = s["default_s"] < 0.5 * s["sum_sleeps_per_core_s"]
    row(f"scaling, sleep-bound class ({s['runs']} runs): --jobs 1 / default",
        f"{s['jobs1_s']:.1f} s / {s['default_s']:.1f} s = {s['speedup']:.2f}x; sum of sleeps / cores = "
        f"{s['sum_sleeps_per_core_s']:.1f} s", "default far below sum of sleeps / cores (< half)", met(ok))
    cc = res["compile"]
    ok = cc["speedup_cold"] >= 2
    row(f"C++ compile, {cc['submissions']} distinct submissions: naive g++ loop / exengine (fresh cache, --jobs 1)",
        f"{cc['naive_s']:.1f} s / {cc['engine_cold_s']:.1f} s = {cc['speedup_cold']:.2f}x", ">= 2x less time",
        met(ok) + ("" if ok else f" (gap {2 - cc['speedup_cold']:.2f}x)"))
    ok = cc["speedup_warm_pch"] >= 2
    row("C++ compile, new distinct submissions, precompiled header built",
        f"{cc['naive_s']:.1f} s / {cc['engine_warm_pch_s']:.1f} s = {cc['speedup_warm_pch']:.2f}x", ">= 2x less time",
        met(ok) + ("" if ok else f" (gap {2 - cc['speedup_warm_pch']:.2f}x)"))
    ok = cc["speedup_default_jobs"] >= 2
    row("C++ compile, new distinct submissions, header built, default --jobs",
        f"{cc['naive_s']:.1f} s / {cc['engine_default_jobs_s']:.1f} s = {cc['speedup_default_jobs']:.2f}x",
        ">= 2x less time", met(ok) + ("" if ok else f" (gap {2 - cc['speedup_default_jobs']:.2f}x)"))
    ok = cc["resubmission_compiles"] == 0
    row("C++ resubmission of the same class", f"{cc['resubmission_compiles']} compiles, {cc['resubmission_s']:.1f} s",
        "no compile at all", met(ok))
    mem = res["memory"]
    peak = max(m["peak_rss_mb"] for m in mem)
    growth = mem[-1]["peak_rss_mb"] / mem[0]["peak_rss_mb"]
    per_run_kb = (mem[-1]["peak_rss_mb"] - mem[0]["peak_rss_mb"]) * 1024 / max(1, mem[-1]["runs"] - mem[0]["runs"])
    ok = peak <= 64 and growth <= 1.10
    row("engine peak RSS, sleep class: " + " / ".join(f"{m['runs']} runs" for m in mem),
        " / ".join(f"{m['peak_rss_mb']:.1f} MB" for m in mem) + f" (x{growth:.2f}; {per_run_kb:+.1f} kB per extra run)",
        "<= 64 MB, not growing with the class (<= x1.10)", met(ok))
    row("engine peak RSS while grading the CPU class", f"{c['peak_rss_mb']:.1f} MB", "<= 64 MB", met(c["peak_rss_mb"] <= 64))
    lines.extend(reports_rows(res["reports"]))
    return "\n".join(lines) + "\n"


def reports_rows(rep):
    """The reports' memory row (a list of table lines)."""
    lines = []

    def row(what, figure, target="", verdict=""):
        lines.append(f"| {what} | {figure} | {target} | {verdict} |")

    small, large = rep[0], rep[-1]
    peak = max(r["peak_rss_mb"] for r in rep)
    growth = large["peak_rss_mb"] / small["peak_rss_mb"]
    per_result_kb = (large["peak_rss_mb"] - small["peak_rss_mb"]) * 1024 / max(1, large["results"] - small["results"])
    ok = peak <= 64 and growth <= 1.5
    row("reports (merge, every format) of a synthetic journal: " + " / ".join(
            f"{r['results']} results ({r['journal_mb']:.0f} MB)" for r in rep),
        " / ".join(f"{r['peak_rss_mb']:.1f} MB peak RSS, {r['wall_s']:.1f} s" for r in rep) +
        f" (x{growth:.2f}; {per_result_kb:+.2f} kB per extra result)",
        "<= 64 MB, not growing with the class (<= x1.5 for 10x the results)",
        met(ok) + ("" if ok else f" (gap {max(peak - 64, 0):.1f} MB, x{growth:.2f})"))
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="small N and classes: proves the script works")
    ap.add_argument("--build-dir", type=Path, default=REPO / "build-bench")
    ap.add_argument("--skip-build", action="store_true", help="use the build directory as it is")
    ap.add_argument("--out", type=Path,
                    help="where latest.json and latest.md go (default bench/results; quick: <build-dir>/bench-results)")
    ap.add_argument("--repeat", type=int, help="repetitions of each measurement (default 5; quick: 1)")
    ap.add_argument("--runs", type=int, help="runs per per-run measurement (default 200; quick: 10)")
    ap.add_argument("--students", type=int, help="students of the synthetic classes (default 100; quick: 4)")
    ap.add_argument("--exercises", type=int, help="exercises per mix (default 10; quick: 3)")
    ap.add_argument("--cpp-students", type=int, help="distinct C++ submissions (default 20; quick: 2)")
    ap.add_argument("--report-results", type=int,
                    help="results of the larger synthetic journal of the reports row; the smaller is a tenth "
                         "(default 10000; quick: 2000)")
    ap.add_argument("--only", help="comma list of sections: per-run, scaling, memory, reports, compile (default all)")
    a = ap.parse_args()
    defaults = dict(repeat=(1, 5), runs=(10, 200), students=(4, 100), exercises=(3, 10), cpp_students=(2, 20),
                    report_results=(2000, 10000))
    for k, (quick, full) in defaults.items():
        if getattr(a, k) is None:
            setattr(a, k, quick if a.quick else full)
    if a.out is None:
        a.out = a.build_dir / "bench-results" if a.quick else REPO / "bench/results"
    if a.runs < 2:
        sys.exit("bench: --runs must be at least 2")
    sections = set((a.only or "per-run,scaling,memory,reports,compile").split(","))

    exe, floor, runner_bench = build(a.build_dir.resolve(), a.skip_build)
    work = a.build_dir.resolve() / "bench-work"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)

    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "--", "engine", "bench"],
                           capture_output=True, text=True).stdout.strip()
    res = {"environment": {
        "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"), "commit": commit + ("+dirty" if dirty else ""),
        "cpus": os.cpu_count(), "kernel": platform.release(), "load_before": os.getloadavg()[0],
        "quick": a.quick, "repeat": a.repeat, "runs": a.runs, "students": a.students, "exercises": a.exercises,
    }}
    b = Bench(a, exe, floor, runner_bench, work)
    b.plugins = write_plugin(work, a.exercises)
    res["tier"] = "?"

    if "per-run" in sections:
        res["per_run"] = {}
        cpp_dir = work / "hello-cpp"
        cpp_dir.mkdir()
        (cpp_dir / "hello.cpp").write_text(CPP_HELLO)
        subprocess.run(["g++", *CXXFLAGS, "hello.cpp", "-o", "hello"], cwd=cpp_dir, check=True)
        (cpp_dir / "expected.txt").write_text("hello\n")
        log("per-run overhead, C++")
        res["per_run"]["cpp"] = b.per_run("cpp", [str(cpp_dir / "hello")], cpp_dir / "hello.cpp")
        _, _, r = b.engine_check(cpp_dir / "hello.cpp", 1)
        res["tier"] = r.get("tier", "?")
        py_dir = work / "hello-py"
        py_dir.mkdir()
        (py_dir / "hello.py").write_text('print("hello")\n')
        (py_dir / "expected.txt").write_text("hello\n")
        log("per-run overhead, Python")
        res["per_run"]["python"] = b.per_run("python", [PYTHON, "hello.py"], py_dir / "hello.py")
        log("runner alone")
        res["runner_only"] = b.runner_only(["/bin/true"])
    if "scaling" in sections:
        log("scaling")
        res["scaling"] = b.scaling()
    if "memory" in sections:
        log("memory")
        res["memory"] = b.memory()
    if "reports" in sections:
        log("reports")
        res["reports"] = b.reports()
    if "compile" in sections:
        log("C++ compilation")
        res["compile"] = b.compilation()
    res["environment"]["load_after"] = os.getloadavg()[0]

    a.out.mkdir(parents=True, exist_ok=True)
    # A run of some sections does not overwrite the whole table's figures (latest.md is from them).
    name = "latest.json" if sections == ALL_SECTIONS else "only-" + "-".join(sorted(sections)) + ".json"
    (a.out / name).write_text(json.dumps(res, indent=2) + "\n")
    if sections == ALL_SECTIONS:
        md = table(res)
        (a.out / "latest.md").write_text("# Benchmark results\n\nWritten by `bench/bench.py`; see `bench/README.md`.\n\n"
                                         + md)
        print(md)
    elif sections == {"reports"}:
        env = res["environment"]
        md = (f"reports row alone, {env['date']}, commit {env['commit']}, {env['cpus']} cores, load average "
              f"{env['load_before']:.1f} before / {env['load_after']:.1f} after, medians of {env['repeat']}\n\n"
              "| measurement | figure | target | verdict |\n|---|---|---|---|\n" + "\n".join(reports_rows(res["reports"])) + "\n")
        (a.out / "reports.md").write_text("# Reports' memory (bench/bench.py --only reports)\n\n" + md)
        print(md)
    else:
        print(json.dumps(res, indent=2))
    log(f"wrote {a.out / name}")


if __name__ == "__main__":
    main()
