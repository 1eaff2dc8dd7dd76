# expect: wrong-output
# message: 'Hello from worker-1' is missing
# The threads are not given names, so Python calls them "Thread-1 (hello)" and so on.
import threading


def hello():
    print(f"Hello from {threading.current_thread().name}")


print("Main thread:", threading.current_thread().name)
threads = [threading.Thread(target=hello) for _ in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("All workers finished")
