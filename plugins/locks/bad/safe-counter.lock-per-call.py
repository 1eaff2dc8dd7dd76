# expect: wrong-output
# message: each thread took its own new Lock, so nothing was shared: create one Lock at module level
import threading

count = 0


def safe_inc():
    global count
    with threading.Lock():  # a new lock on every call: nobody else ever waits for it
        count += 1


threads = [threading.Thread(target=safe_inc) for _ in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("Count safe:", count)
