# threads/event-handoff: the worker waits for a threading.Event before it reads the data.
import threading
import time

data = None
event = threading.Event()


def worker():
    # TODO: wait for the event, then print "Worker: got" followed by data.
    pass


t = threading.Thread(target=worker)
t.start()
print("Main: preparing data")
time.sleep(0.2)
# TODO: set data to "ready", then set the event.
t.join()
# TODO: print "Main: done".
