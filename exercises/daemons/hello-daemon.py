# daemons/hello-daemon: a daemon thread prints "Hello" once a second, forever;
# the main thread keeps the program alive for 3 s and then ends.
import threading
import time


def hello():
    # TODO: forever: print("Hello"), sleep 1 s
    pass


# TODO: start hello in a daemon thread, then sleep 3 s
