# expect: wrong-output
# message: flush
import multiprocessing
import time


def watchdog():
    while True:
        print("watching")
        time.sleep(0.3)


if __name__ == "__main__":
    p = multiprocessing.Process(target=watchdog, daemon=True)
    p.start()
    time.sleep(1)
    print("Main done")
