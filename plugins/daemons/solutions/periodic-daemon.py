import threading
import time


def run_task():
    while True:
        print("Running")
        time.sleep(0.5)


t = threading.Thread(target=run_task, daemon=True)
t.start()
time.sleep(2)
