# locks/lock-counter: five threads each add 1 to a shared counter through a slow
# read-modify-write. Protect it with a threading.Lock so the program prints "Count: 5".
import threading
import time

count = 0


def increment():
    global count
    local = count        # read
    local += 1
    time.sleep(0.1)      # some slow work between read and write
    count = local        # write


# TODO: create a lock and hold it around the read-modify-write above.
# TODO: start 5 threads running increment, join them all, then print "Count:", count
