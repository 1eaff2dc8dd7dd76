# expect: wrong-output
# message: 'Task 1' appeared 2 times; expected 1
# Every thread prints its line twice: three extra lines. Each line is one write, so lines never
# tear into each other and the declared message holds for every order the threads can take.
import sys
import threading


def task(n):
    sys.stdout.write(f"Task {n}\n")
    sys.stdout.write(f"Task {n}\n")


threads = [threading.Thread(target=task, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
