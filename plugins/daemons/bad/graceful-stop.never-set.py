# expect: timeout
# message: Event
import threading
import time

stop = threading.Event()


def worker():
    while not stop.is_set():
        print("tick")
        stop.wait(0.2)
    time.sleep(0.1)  # clean up: save state, close files
    print("Worker exiting")


t = threading.Thread(target=worker)
t.start()
time.sleep(1)
t.join()
print("Worker stopped")
