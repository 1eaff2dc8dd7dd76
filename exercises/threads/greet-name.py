# threads/greet-name: a thread prints the name it is given, and nothing else.
import threading


def greet(name):
    # TODO: print the name.
    pass


# TODO: run greet in a thread, passing your name (e.g. "Tanuja") through args=(...,).
# TODO: start() and join() the thread.
