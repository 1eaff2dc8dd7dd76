# expect: wrong-output
# message: daemon
import time

for _ in range(4):
    print("Running")
    time.sleep(0.5)
