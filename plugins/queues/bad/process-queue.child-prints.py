# expect: wrong-output
# message: queue
import multiprocessing


def proc_task():
    print("Data from process")


if __name__ == "__main__":
    p = multiprocessing.Process(target=proc_task)
    p.start()
    p.join()
