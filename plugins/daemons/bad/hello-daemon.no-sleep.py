# expect: wrong-output
# message: sleep
import threading
import time


def hello():
    while True:
        print("Hello")
        time.sleep(1)


t = threading.Thread(target=hello, daemon=True)
t.start()
