# threads/squares: five threads print the squares of 1 to 5 (any order).
import threading


def sq_task(n):
    # TODO: print the square of n.
    pass


# TODO: create one thread per number 1..5 (args=(n,)).
threads = []
# TODO: start all five, then join all five.
