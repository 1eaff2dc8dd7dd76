import threading
import time

count = 0


def unsafe_inc():
    global count
    local = count       # read
    time.sleep(0.01)    # let the other threads read the same value
    count = local + 1   # write: overwrites their updates


threads = [threading.Thread(target=unsafe_inc) for _ in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("Count with race condition:", count)
