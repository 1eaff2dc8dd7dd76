# expect: wrong-output
# message: each thread took its own new Lock, so nothing was shared: create one Lock at module level
import threading
import time

count = 0


def increment():
    global count
    lock = threading.Lock()  # a new lock per call protects nothing
    with lock:
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
