# expect: wrong-output
# message: lock
import threading

count = 0


def safe_inc():
    global count
    count += 1


threads = [threading.Thread(target=safe_inc) for _ in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("Count safe:", count)
