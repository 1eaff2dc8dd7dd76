# expect: wrong-output
# message: '25' is missing; unexpected '0'
# range(5) gives 0..4: "0" is extra and "25" is missing.
import sys
import threading


def sq_task(n):
    sys.stdout.write(f"{n * n}\n")  # one write: lines never tear into each other


threads = [threading.Thread(target=sq_task, args=(n,)) for n in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
