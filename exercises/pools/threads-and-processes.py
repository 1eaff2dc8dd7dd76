# pools/threads-and-processes: start two threads (printing "Thread 0" and "Thread 1") and two
# processes (printing "Process 0" and "Process 1"), all four running at the same time; then
# join them all. The four lines may come in any order.
import multiprocessing
import threading


def t_task(n):
    print(f"Thread {n}")


def p_task(n):
    print(f"Process {n}")


if __name__ == "__main__":
    # TODO: 2 threads and 2 processes; start all four, then join all four
    pass
