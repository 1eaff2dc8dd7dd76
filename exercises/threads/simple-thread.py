# threads/simple-thread: run a function in a thread, then wait for it.
# Expected output: "Thread: 0" ... "Thread: 4", one per line.
import threading


def print_numbers():
    # TODO: print "Thread: 0" to "Thread: 4", one per line.
    pass


# TODO: create a threading.Thread whose target is print_numbers (the function, no parentheses).
# TODO: start() the thread, then join() it.
