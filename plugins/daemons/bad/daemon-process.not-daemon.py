# expect: timeout
# message: daemon
import multiprocessing
import time


def watchdog():
    while True:
        print("watching", flush=True)
        time.sleep(0.3)


if __name__ == "__main__":
    p = multiprocessing.Process(target=watchdog)
    p.start()
    time.sleep(1)
    print("Main done")
