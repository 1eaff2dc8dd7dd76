# expect: wrong-output
# message: 'Task 1' appeared 2 times; expected 1
# Every thread prints its line twice: three extra lines.
import threading


def task(n):
    print(f"Task {n}")
    print(f"Task {n}")


threads = [threading.Thread(target=task, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
