# expect: wrong-output
# message: Processes time
import threading
import time


def cpu_task():
    total = 0
    for i in range(10**6):
        total += i


threads = [threading.Thread(target=cpu_task) for _ in range(2)]
start = time.time()
for t in threads:
    t.start()
for t in threads:
    t.join()
print("Threads time:", time.time() - start)
