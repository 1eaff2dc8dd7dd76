# expect: wrong-output
# message: before 'Main thread: MainThread' (print it before starting the workers)
# The main thread announces itself only after the workers have finished.
import threading


def hello():
    print(f"Hello from {threading.current_thread().name}")


threads = [threading.Thread(target=hello, name=f"worker-{i}") for i in range(1, 4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("Main thread:", threading.current_thread().name)
print("All workers finished")
