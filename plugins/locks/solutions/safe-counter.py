import threading

count = 0
lock = threading.Lock()


def safe_inc():
    global count
    with lock:
        count += 1


threads = [threading.Thread(target=safe_inc) for _ in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("Count safe:", count)
