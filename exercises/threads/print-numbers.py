# threads/print-numbers: a thread that prints 0 to 4, one number per line.
import threading


def print_nums():
    # TODO: print the numbers 0 to 4, one per line.
    pass


# TODO: run print_nums in a thread: create it, start() it, join() it.
