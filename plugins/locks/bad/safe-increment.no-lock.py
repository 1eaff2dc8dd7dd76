# expect: wrong-output
# message: lock
import threading

count = 0


def inc():
    global count
    count += 1


threads = [threading.Thread(target=inc) for _ in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(count)
