# expect: timeout
# message: killed after 3 s of wall time
# The main thread never calls event.set(): the worker waits forever and join() never returns.
import threading
import time

data = None
event = threading.Event()


def worker():
    event.wait()
    print("Worker: got", data)


t = threading.Thread(target=worker)
t.start()
print("Main: preparing data")
time.sleep(0.2)
data = "ready"
t.join()
print("Main: done")
