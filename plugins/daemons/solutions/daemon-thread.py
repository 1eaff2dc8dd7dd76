import threading
import time


def background_task():
    while True:
        print("Daemon running")
        time.sleep(1)


t = threading.Thread(target=background_task, daemon=True)
t.start()
time.sleep(3)
print("Main program ends, daemon stops")
