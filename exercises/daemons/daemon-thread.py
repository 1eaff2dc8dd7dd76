# daemons/daemon-thread: a background thread prints "Daemon running" once a second, forever.
# Make it a daemon thread, let the main thread sleep 3 s, then print
# "Main program ends, daemon stops". The program must then end on its own.
import threading
import time


def background_task():
    while True:
        print("Daemon running")
        time.sleep(1)


# TODO: start background_task in a daemon thread (daemon=True)
# TODO: sleep 3 seconds, then print("Main program ends, daemon stops")
