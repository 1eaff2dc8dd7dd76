# locks/race-condition: show a race. Five threads each add 1 to a shared counter
# WITHOUT a lock; after joining them all, print "Count with race condition: N".
# N may come out below 5: that is the lost update you are demonstrating.
import threading

count = 0


def unsafe_inc():
    global count
    # TODO: read count, (optionally pause with time.sleep), write count + 1


# TODO: start 5 threads, join them, print the count
