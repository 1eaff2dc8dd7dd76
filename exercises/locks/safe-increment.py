# locks/safe-increment: five threads each run `count += 1` once on a shared global.
# `count += 1` is a read, an add and a write: guard it with one shared threading.Lock.
# Print only the final value (5).
import threading

count = 0


def inc():
    global count
    count += 1  # TODO: hold a lock here


# TODO: start 5 threads running inc, join them, print(count)
