import threading
import multiprocessing
import time

# Example 9: Thread vs Process time comparison
def cpu_task():
    sum=0
    for i in range(10**6):
        sum+=i
# Threads
threads = [threading.Thread(target=cpu_task) for _ in range(2)]
start=time.time()
for t in threads: t.start()
for t in threads: t.join()
print("Threads time:", time.time()-start)
# Processes
processes = [multiprocessing.Process(target=cpu_task) for _ in range(2)]
start=time.time()
for p in processes: p.start()
for p in processes: p.join()
print("Processes time:", time.time()-start)
