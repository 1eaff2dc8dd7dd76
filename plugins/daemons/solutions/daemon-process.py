import multiprocessing
import time


def watchdog():
    while True:
        print("watching", flush=True)  # flush: this process is killed, not ended
        time.sleep(0.3)


if __name__ == "__main__":
    p = multiprocessing.Process(target=watchdog, daemon=True)
    p.start()
    time.sleep(1)  # the main program's work
    print("Main done")
