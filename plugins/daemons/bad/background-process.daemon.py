# expect: wrong-output
# message: daemon process
import multiprocessing
import time


def bg_proc():
    time.sleep(0.5)
    print("Background Process")


if __name__ == "__main__":
    p = multiprocessing.Process(target=bg_proc, daemon=True)
    p.start()
