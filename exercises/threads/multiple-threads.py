# threads/multiple-threads: three threads at once.
# Each thread prints "Task N running" for N = 0, 1, 2 (any order).
import threading


def task(n):
    # TODO: print "Task n running", e.g. "Task 0 running".
    pass


threads = []
# TODO: for i in range(3): create a thread running task with args=(i,), add it to `threads`, start it.
# TODO: then join every thread in `threads`.
