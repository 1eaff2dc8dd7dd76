# expect: wrong-output
# message: 'Task 0' is missing
# range(1, 3) starts only tasks 1 and 2: "Task 0" is missing.
import threading


def task(n):
    print(f"Task {n}")


threads = [threading.Thread(target=task, args=(i,)) for i in range(1, 3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
