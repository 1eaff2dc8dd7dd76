# threads/thread-args: pass an argument to a thread's function.
# Expected output: "Hello Tanuja"
import threading


def greet(name):
    # TODO: print "Hello" followed by the name.
    pass


# TODO: create a thread with target=greet and args=(...) holding "Tanuja" (a one-item tuple).
# TODO: start() it and join() it.
