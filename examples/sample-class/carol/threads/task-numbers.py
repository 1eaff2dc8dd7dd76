# expect: wrong-output
# message: joined 1 thread; the exercise asks for 3
# Joins only the last thread it created (the loop variable), not all three.
import threading


def task(n):
    print(f"Task {n}")


threads = [threading.Thread(target=task, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
t.join()
