# expect: wrong-output
# message: got 'Worker: got None'
# The worker does not wait for the event, so it reads data while the main thread is still
# preparing it and prints "Worker: got None".
import threading
import time

data = None
event = threading.Event()


def worker():
    print("Worker: got", data)


t = threading.Thread(target=worker)
t.start()
print("Main: preparing data")
time.sleep(0.2)
data = "ready"
event.set()
t.join()
print("Main: done")
