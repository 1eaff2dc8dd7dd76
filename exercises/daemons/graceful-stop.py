# daemons/graceful-stop: a daemon thread is killed wherever it happens to be; a worker that
# must clean up is stopped politely instead. Run worker() in a normal (non-daemon) thread. It
# prints "tick" every 0.2 s until the Event `stop` is set, then cleans up (0.1 s), prints
# "Worker exiting" and returns. The main thread waits 1 s, sets the event, joins the worker and prints
# "Worker stopped".
import threading
import time

stop = threading.Event()


def worker():
    # TODO: while the event is not set: print("tick") and wait 0.2 s
    #       (stop.wait(0.2) wakes up early when the event is set)
    # TODO: clean up (time.sleep(0.1)), then print("Worker exiting")
    pass


# TODO: start worker in a thread, sleep 1 s, set the event, join, print("Worker stopped")
