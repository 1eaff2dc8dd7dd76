# pools/threads-vs-processes: run cpu_task twice in 2 threads, then twice in 2 processes,
# and time each (time.perf_counter() before the starts, after the joins). Print
#   Threads time: <seconds>
#   Processes time: <seconds>
# Because of the GIL the two threads take turns; the two processes can run on two cores.
import multiprocessing
import threading
import time


def cpu_task():
    total = 0
    for i in range(10**6):
        total += i


if __name__ == "__main__":
    # TODO: 2 threads: start, join, print("Threads time:", elapsed)
    # TODO: 2 processes: start, join, print("Processes time:", elapsed)
    pass
