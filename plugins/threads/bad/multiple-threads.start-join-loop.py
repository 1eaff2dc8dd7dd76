# expect: wrong-output
# message: you joined each thread before starting the next, so they never ran at the same time: start them all, then join them all
import threading


def task(n):
    print(f"Task {n} running")


for i in range(3):
    t = threading.Thread(target=task, args=(i,))
    t.start()
    t.join()  # inside the loop: each thread ends before the next one starts
