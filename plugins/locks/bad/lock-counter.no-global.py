# expect: wrong-output
# message: a thread raised UnboundLocalError: cannot access local variable 'count' where it is not associated with a value: the function assigns to `count`, so Python makes `count` local to it and the read before the assignment fails: add `global count` as the function's first line
import threading
import time

lock = threading.Lock()
count = 0


def increment():
    with lock:  # no `global count`: the assignment below makes count local to increment
        local = count
        local += 1
        time.sleep(0.1)
        count = local


threads = [threading.Thread(target=increment) for _ in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("Count:", count)
