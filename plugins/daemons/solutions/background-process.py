import multiprocessing
import time


def bg_proc():
    time.sleep(0.5)  # the background work
    print("Background Process")


if __name__ == "__main__":
    p = multiprocessing.Process(target=bg_proc)
    p.start()
    # No join(): the main program goes on (and multiprocessing still waits for a
    # non-daemon process before the interpreter exits).
