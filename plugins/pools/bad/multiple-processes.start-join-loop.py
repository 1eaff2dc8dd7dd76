# expect: wrong-output
# message: you joined each process before starting the next, so they never ran at the same time: start them all, then join them all
import multiprocessing


def proc_task(n):
    print(f"Process {n} running")


if __name__ == "__main__":
    for i in range(3):
        p = multiprocessing.Process(target=proc_task, args=(i,))
        p.start()
        p.join()
