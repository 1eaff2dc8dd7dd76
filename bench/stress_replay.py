#!/usr/bin/python3
"""How often `exengine check --stress --seed S` reproduces a stressed run (issue 15, Must 7).

For each of --seeds seeds, runs the same racy program --runs times with that seed. A run "shows the
race" when its output is not what a correct program prints (an update was lost). For the seeds whose
first run showed it, counts how many replays show it again, and how many print exactly the same
output. Prints one line per program and a total. See bench/README.md ("Stress replay").

    /usr/bin/python3 bench/stress_replay.py [--exengine build/engine/exengine] [--seeds 10] [--runs 5]
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PROGRAMS = [  # (exercise, program, the output of a run without the race)
    ("locks/safe-counter", os.path.join(HERE, "stress_replay", "racy_counter.py"), "Count safe: 12000\n"),
    ("locks/safe-counter", os.path.join(HERE, "stress_replay", "racy_pair.py"), "Count safe: 5\n"),
    ("locks/safe-counter", os.path.join(ROOT, "plugins", "locks", "bad", "safe-counter.no-lock.py"), "Count safe: 5\n"),
]


def run(exengine, exercise, path, seed):
    out = subprocess.run([exengine, "check", "-e", exercise, path, "--stress", "--seed", str(seed), "--trials", "1",
                          "--json"], capture_output=True, text=True, cwd=ROOT)
    result = json.loads(out.stdout)[0]
    return result["verdict"], result["stdout"], result["trials"][0].get("seed")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--exengine", default=os.path.join(ROOT, "build", "engine", "exengine"))
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    total = {"failed_first": 0, "verdict_same": 0, "output_same": 0, "replays": 0}
    for exercise, path, right in PROGRAMS:
        counts = {"failed_first": 0, "verdict_same": 0, "output_same": 0, "replays": 0}
        for seed in range(1, args.seeds + 1):
            first = run(args.exengine, exercise, path, seed)
            if first[2] != seed:
                sys.exit(f"seed not recorded: asked {seed}, result says {first[2]}")
            if first[1] == right:
                continue
            counts["failed_first"] += 1
            for _ in range(args.runs - 1):
                again = run(args.exengine, exercise, path, seed)
                counts["replays"] += 1
                counts["verdict_same"] += again[1] != right
                counts["output_same"] += again[1] == first[1]
        for k in total:
            total[k] += counts[k]
        name = os.path.relpath(path, ROOT)
        print(f"{name}: {counts['failed_first']}/{args.seeds} seeds showed the race first; of {counts['replays']} "
              f"replays {counts['verdict_same']} showed it again, {counts['output_same']} printed the same output")
    r = max(1, total["replays"])
    print(f"total: {total['replays']} replays of failing seeds: race shown again {100 * total['verdict_same'] / r:.0f}%, "
          f"same output {100 * total['output_same'] / r:.0f}%; load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
