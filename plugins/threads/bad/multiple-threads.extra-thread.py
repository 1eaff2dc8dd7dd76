# expect: wrong-output
# message: unexpected 'Task 3 running'
# range(4) starts a fourth thread: "Task 3 running" is an extra line.
import sys
import threading


def task(n):
    sys.stdout.write(f"Task {n} running\n")  # one write: lines never tear into each other


threads = []
for i in range(4):
    t = threading.Thread(target=task, args=(i,))
    threads.append(t)
    t.start()
for t in threads:
    t.join()
