# expect: wrong-output
# message: process
import threading
import time


def watchdog():
    while True:
        print("watching", flush=True)
        time.sleep(0.3)


threading.Thread(target=watchdog, daemon=True).start()
time.sleep(1)
print("Main done")
