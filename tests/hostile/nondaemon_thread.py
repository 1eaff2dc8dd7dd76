# expect: timeout
# message: a thread or process was still running
import threading, time
print("main done", flush=True)
threading.Thread(target=time.sleep, args=(10**6,)).start()
