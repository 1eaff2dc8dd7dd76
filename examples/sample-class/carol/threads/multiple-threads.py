# expect: wrong-output
# message: 'Task 2 running' is missing
# range(2) starts only two threads: "Task 2 running" never appears.
import threading


def task(n):
    print(f"Task {n} running")


threads = []
for i in range(2):
    t = threading.Thread(target=task, args=(i,))
    threads.append(t)
    t.start()
for t in threads:
    t.join()
