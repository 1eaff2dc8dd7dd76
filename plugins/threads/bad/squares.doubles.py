# expect: wrong-output
# message: '9' is missing
# n * 2 doubles instead of squaring.
import threading


def sq_task(n):
    print(n * 2)


threads = [threading.Thread(target=sq_task, args=(n,)) for n in range(1, 6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
