# expect: timeout
import time
print("42", flush=True)
time.sleep(10**6)
