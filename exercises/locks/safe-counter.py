# locks/safe-counter: the fix for locks/race-condition. Five threads each add 1 to a
# shared counter while holding ONE shared threading.Lock; after joining them all,
# print "Count safe: 5".
import threading

count = 0


def safe_inc():
    global count
    # TODO: take the lock, then count += 1


# TODO: start 5 threads, join them, print("Count safe:", count)
