#!/usr/bin/python3
"""Builds examples/sample-class/: a fictional class of twelve students for `exengine grade`.

Folders for most students, a .zip and two .tar.gz for the others (one of them malicious), and
sample-class-expected.tsv: the verdict every (student, exercise) pair must get. Run it again after changing the
threads plugin's solutions; the output is deterministic (fixed archive timestamps).

    /usr/bin/python3 examples/make_sample_class.py
    exengine grade examples/sample-class --topic threads --out /tmp/class-report
"""
import io
import os
import shutil
import tarfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "examples" / "sample-class"
SOL = ROOT / "plugins" / "threads" / "solutions"
BAD = ROOT / "plugins" / "threads" / "bad"
EXERCISES = sorted(p.stem for p in SOL.glob("*.py"))

TIMEOUT = """import threading, time

def work():
    while True:          # never ends, and the thread is not a daemon
        time.sleep(0.1)

threading.Thread(target=work).start()
"""
CRASH_SIGNAL = """import os, threading
print("Thread: 0")
os.abort()               # SIGABRT
"""
CRASH_EXCEPTION = """import threading

def work(n):
    print(10 // n)       # ZeroDivisionError in the main thread below

work(0)
"""
# A bounded fork bomb: far beyond the per-run process limit, but it stops by itself, so a broken
# sandbox cannot take the machine down while the sample class is graded.
FORK_BOMB = """import os, time
children = 0
for _ in range(400):
    pid = os.fork()
    if pid == 0:
        time.sleep(20)
        os._exit(0)
    children += 1
print("forked", children)
"""
BINARY_OUTPUT = """import sys, threading
def work():
    sys.stdout.buffer.write(b"\\xff\\xfe\\x1b[31mnot text\\x00\\n")
t = threading.Thread(target=work)
t.start()
t.join()
"""


def solution(name):
    return (SOL / f"{name}.py").read_text()


def bad(file):
    return (BAD / file).read_text()


def expect_of_bad(file):
    for line in (BAD / file).read_text().splitlines()[:5]:
        if line.startswith("# expect:"):
            return line.split(":", 1)[1].strip()
    return "wrong-output"


def plan():
    """student -> {exercise: (source text or None, expected verdict)}"""
    students = {}

    def all_correct():
        return {e: (solution(e), "passed") for e in EXERCISES}

    students["alice"] = all_correct()
    bob = all_correct()                               # forgot to join
    bob["squares"] = (bad("squares.no-join.py"), expect_of_bad("squares.no-join.py"))
    bob["thread-results"] = (bad("thread-results.no-join.py"), expect_of_bad("thread-results.no-join.py"))
    students["bob"] = bob
    carol = all_correct()                             # wrong ordering, missing and extra threads
    for e, f in [("multiple-threads", "multiple-threads.missing-thread.py"),
                 ("task-numbers", "task-numbers.join-some.py"),
                 ("simple-thread", "simple-thread.reversed.py")]:
        carol[e] = (bad(f), expect_of_bad(f))
    students["carol"] = carol
    dave = all_correct()                              # a thread that never ends
    dave["simple-thread"] = (TIMEOUT, "timeout")
    students["dave"] = dave
    erin = all_correct()                              # crashes
    erin["simple-thread"] = (CRASH_SIGNAL, "runtime-error")
    erin["squares"] = (CRASH_EXCEPTION, "runtime-error")
    students["erin"] = erin
    frank = all_correct()                             # a fork bomb
    frank["multiple-threads"] = (FORK_BOMB, "runtime-error")
    students["frank"] = frank
    grace = {e: (None, "missing") for e in EXERCISES}  # handed in two files only
    grace["simple-thread"] = (solution("simple-thread"), "passed")
    grace["quiz"] = (bad("quiz.wrong-answers.py"), expect_of_bad("quiz.wrong-answers.py"))
    students["grace"] = grace
    heidi = all_correct()                             # off by one
    heidi["squares"] = (bad("squares.off-by-one.py"), expect_of_bad("squares.off-by-one.py"))
    heidi["print-numbers"] = (bad("print-numbers.reversed.py"), expect_of_bad("print-numbers.reversed.py"))
    students["heidi"] = heidi
    ivan = all_correct()                              # binary output
    ivan["simple-thread"] = (BINARY_OUTPUT, "wrong-output")
    students["ivan"] = ivan
    students["judy"] = all_correct()                  # a .zip with a top folder
    oscar = all_correct()                             # a .tar.gz without one
    oscar["greet-name"] = (bad("greet-name.greeting.py"), expect_of_bad("greet-name.greeting.py"))
    students["oscar"] = oscar
    students["mallory"] = {e: (None, "missing") for e in EXERCISES}  # malicious archive: refused
    return students


def tar_add(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = 1700000000
    info.mode = 0o644
    tar.addfile(info, io.BytesIO(data))


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    students = plan()
    for student, files in students.items():
        present = {e: text for e, (text, _) in files.items() if text is not None}
        if student == "judy":
            with zipfile.ZipFile(OUT / "judy.zip", "w") as z:
                for e, text in sorted(present.items()):
                    z.writestr(zipfile.ZipInfo(f"judy/threads/{e}.py", (2023, 11, 14, 0, 0, 0)), text)
        elif student == "oscar":
            with tarfile.open(OUT / "oscar.tar.gz", "w:gz", format=tarfile.PAX_FORMAT) as t:
                for e, text in sorted(present.items()):
                    tar_add(t, f"threads/{e}.py", text.encode())
        elif student == "mallory":
            with tarfile.open(OUT / "mallory.tar.gz", "w:gz", format=tarfile.PAX_FORMAT) as t:
                tar_add(t, "threads/simple-thread.py", solution("simple-thread").encode())
                tar_add(t, "../../escaped.py", b"print('I got out')\n")
        else:
            for e, text in present.items():
                path = OUT / student / "threads" / f"{e}.py"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text)
            (OUT / student).mkdir(exist_ok=True)
    with open(OUT.parent / "sample-class-expected.tsv", "w") as f:
        f.write("student\texercise\tverdict\n")
        for student in sorted(students):
            for e in sorted(students[student]):
                f.write(f"{student}\tthreads/{e}\t{students[student][e][1]}\n")
    print(f"wrote {OUT} ({len(students)} students, {len(EXERCISES)} exercises each)")


if __name__ == "__main__":
    main()
