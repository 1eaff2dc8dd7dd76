import threading
import time

# Q9: Create daemon thread that prints "Running" every 0.5s
def run_task():
    while True:
        print("Running")
        time.sleep(0.5)
t = threading.Thread(target=run_task,daemon=True)
t.start()
time.sleep(2)
