# Example 4: Using Lock in threads
import threading
import time

lock = threading.Lock()
count = 0

def increment():
    global count  # declare BEFORE any usage

    with lock:
        count_local = count    # safe read
        count_local += 1
        time.sleep(0.1)
        count = count_local    # safe write

threads = [threading.Thread(target=increment) for _ in range(5)]

for t in threads:
    t.start()

for t in threads:
    t.join()

print("Count:", count)
