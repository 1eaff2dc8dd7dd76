# daemons/daemon-process: processes can be daemons too. Start watchdog() in a daemon
# process (daemon=True): it prints "watching" every 0.3 s, forever. The main program works
# for 1 s (time.sleep), prints "Main done" and ends; multiprocessing then terminates the
# daemon process. A terminated process never flushes its output buffer, so the watchdog
# must print with flush=True.
import multiprocessing
import time


def watchdog():
    # TODO: forever: print "watching" (flushed) and sleep 0.3 s
    pass


if __name__ == "__main__":
    # TODO: start watchdog in a daemon process, sleep 1 s, print("Main done")
    pass
