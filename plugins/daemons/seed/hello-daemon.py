import threading
import time

# Challenge 5: Thread with daemon that prints "Hello"
def hello():
    while True: print("Hello"); time.sleep(1)
t = threading.Thread(target=hello,daemon=True)
t.start()
time.sleep(3)
