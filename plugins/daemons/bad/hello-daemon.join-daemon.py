# expect: timeout
# message: daemon
import threading
import time


def hello():
    while True:
        print("Hello")
        time.sleep(1)


t = threading.Thread(target=hello, daemon=True)
t.start()
t.join()  # waits for a thread that never ends
