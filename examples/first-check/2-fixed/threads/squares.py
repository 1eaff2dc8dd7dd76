# The same file after the hint: start all five threads, then join all five.
import threading


def sq_task(n):
    print(n * n)


threads = [threading.Thread(target=sq_task, args=(n,)) for n in range(1, 6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
