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
event.set()
t.join()
print("Main: done")
