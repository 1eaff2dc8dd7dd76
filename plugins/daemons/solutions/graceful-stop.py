import threading
import time

stop = threading.Event()


def worker():
    while not stop.is_set():
        print("tick")
        stop.wait(0.2)  # sleeps 0.2 s, but wakes at once when stop is set
    time.sleep(0.1)  # clean up: save state, close files
    print("Worker exiting")


t = threading.Thread(target=worker)
t.start()
time.sleep(1)  # the main thread's own work
stop.set()
t.join()
print("Worker stopped")
