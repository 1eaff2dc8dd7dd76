# expect: wrong-output
# message: join
import threading
import time

count = 0


def unsafe_inc():
    global count
    local = count
    time.sleep(0.01)
    count = local + 1


threads = [threading.Thread(target=unsafe_inc) for _ in range(5)]
for t in threads:
    t.start()
print("Count with race condition:", count)
