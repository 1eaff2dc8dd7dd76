# expect: wrong-output
# message: time
import multiprocessing
import threading
import time


def cpu_task():
    total = 0
    for i in range(10**6):
        total += i


if __name__ == "__main__":
    for label, kind in (("Threads", threading.Thread), ("Processes", multiprocessing.Process)):
        workers = [kind(target=cpu_task) for _ in range(2)]
        start = time.time()
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        print(f"{label} time: {time.time() - start:.2f}s")
