import threading

count = 0
lock = threading.Lock()


def inc():
    global count
    with lock:
        count += 1


threads = [threading.Thread(target=inc) for _ in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(count)
