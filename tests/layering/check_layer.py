#!/usr/bin/python3
"""Proves one layer's include path: what the layer may use is found, nothing else is.

  check_layer.py SRC_DIR LAYER "may=MAY..." "all=ALL..." CXX -I... [-I...]

SRC_DIR is engine/src; LAYER the layer under test; MAY the layers it links to (directly or not);
ALL every layer; CXX the compiler; the rest are exactly the include flags the layer's library is
built with (taken from the build system's own target). For every layer X, a one-line translation
unit `#include "X/<its first header>"` is preprocessed with those flags:
- X is LAYER or in MAY: it must preprocess (the include path really holds the layer's headers, so
  the checks below cannot pass only because nothing at all is found);
- otherwise it must fail with the compiler's "X/<header>: No such file or directory".
Also no source under SRC_DIR may reach another folder with `#include "../`, the one way around it.
Prints one line per failed expectation and exits 1 if there is any.
"""
import os
import re
import subprocess
import sys


def first_header(src_dir, layer):
    headers = sorted(f for f in os.listdir(os.path.join(src_dir, layer)) if f.endswith(".h"))
    if not headers:
        sys.exit(f"check_layer: {layer}: no header in {src_dir}/{layer}")
    return f"{layer}/{headers[0]}"


def preprocess(cxx, flags, header):
    proc = subprocess.run([cxx, "-std=c++20", "-E", "-x", "c++", "-o", os.devnull, "-", *flags],
                          input=f'#include "{header}"\n', text=True, capture_output=True)
    return proc.returncode, proc.stderr


def main():
    src_dir, layer, may, every, cxx, *flags = sys.argv[1:]
    if not may.startswith("may=") or not every.startswith("all="):
        sys.exit("check_layer: usage: check_layer.py SRC_DIR LAYER may=... all=... CXX FLAGS...")
    may, every = set(may[4:].split()), every[4:].split()
    if layer not in every or not may <= set(every):
        sys.exit(f"check_layer: {layer}: unknown layer among {sorted(may | {layer})}")
    failures = []
    for other in every:
        header = first_header(src_dir, other)
        rc, err = preprocess(cxx, flags, header)
        if other == layer or other in may:
            if rc != 0:
                failures.append(f"{layer} may use {other}, but {header} is not found: {err.strip()}")
        elif rc == 0:
            failures.append(f"{layer} must not see {other}, but {header} is found")
        elif f"{header}: No such file or directory" not in err:
            failures.append(f"{layer}: {header} fails for another reason: {err.strip()}")
    for root, _, files in os.walk(src_dir):
        for f in files:
            path = os.path.join(root, f)
            with open(path, encoding="utf-8", errors="replace") as text:
                for n, line in enumerate(text, 1):
                    if re.match(r'\s*#\s*include\s*"\.\./', line):
                        failures.append(f"{path}:{n}: an include that climbs out of its layer: {line.strip()}")
    for f in failures:
        print(f)
    print(f"{layer}: {len(every)} layers checked, {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
