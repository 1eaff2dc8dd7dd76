# daemons/background-process: start a process that works in the background (sleeps 0.5 s)
# and then prints "Background Process". The main program starts it and does NOT call join().
import multiprocessing
import time


def bg_proc():
    time.sleep(0.5)  # the background work
    print("Background Process")


if __name__ == "__main__":
    # TODO: create a multiprocessing.Process running bg_proc and start it (no join)
    pass
