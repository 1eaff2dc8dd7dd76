# daemons/periodic-daemon: a daemon thread prints "Running" every 0.5 s, forever.
# The main thread sleeps 2 s and then simply ends; the daemon dies with it.
import threading
import time


def run_task():
    # TODO: forever: print("Running"), then sleep 0.5 s
    pass


# TODO: start run_task in a daemon thread, then sleep 2 s
