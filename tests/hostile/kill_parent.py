# expect: passed
# Its parent (the supervisor), every process it may signal, and its parent's group.
import os, signal
ppid = os.getppid()
targets = [ppid, -1]
try:
    pg = os.getpgid(ppid)
    if pg > 1 and pg != os.getpgrp():
        targets.append(-pg)
except OSError:
    pass
for target in targets:
    try:
        os.kill(target, signal.SIGKILL)
        print("sent", flush=True)
    except OSError:
        print("refused", flush=True)
print("alive")
