# A program with no thread blocks the old record file with a folder (the probe became
# "unavailable"): the record no longer lives there, so the folder changes nothing.
# expect: wrong-output
# message: your program printed the right lines but started 0 threads; the exercise asks for 3.
import os
os.mkdir('.exengine-probe.jsonl')
for i in range(3):
    print(f"Task {i} running")
