import multiprocessing
import threading
import time


def cpu_task():
    total = 0
    for i in range(10**6):
        total += i


def timed(workers):
    start = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return time.perf_counter() - start


if __name__ == "__main__":
    print("Threads time:", timed([threading.Thread(target=cpu_task) for _ in range(2)]))
    print("Processes time:", timed([multiprocessing.Process(target=cpu_task) for _ in range(2)]))
