# expect: wrong-output
# message: Worker exiting
import threading
import time


def worker():
    while True:
        print("tick")
        time.sleep(0.2)
    time.sleep(0.1)  # clean up: save state, close files
    print("Worker exiting")


t = threading.Thread(target=worker, daemon=True)
t.start()
time.sleep(1)
print("Worker stopped")
