# expect: wrong-output
# message: join
import threading
import time

lock = threading.Lock()
count = 0


def increment():
    global count
    with lock:
        local = count
        local += 1
        time.sleep(0.1)
        count = local


threads = [threading.Thread(target=increment) for _ in range(5)]
for t in threads:
    t.start()
print("Count:", count)
