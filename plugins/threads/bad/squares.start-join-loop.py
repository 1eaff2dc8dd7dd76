# expect: wrong-output
# message: you joined each thread before starting the next, so they never ran at the same time: start them all, then join them all
import threading


def sq_task(n):
    print(n * n)


for n in range(1, 6):
    t = threading.Thread(target=sq_task, args=(n,))
    t.start()
    t.join()
