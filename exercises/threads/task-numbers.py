# threads/task-numbers: three threads print "Task 0", "Task 1", "Task 2" (any order).
import threading


def task(n):
    # TODO: print "Task n".
    pass


# TODO: make a list of three threads, one per task number (args=(i,)).
threads = []
# TODO: start all of them, then join all of them.
