import threading


def hello():
    # One f-string: print(a, b) writes a, " " and b separately, and another thread's text may
    # land between them.
    print(f"Hello from {threading.current_thread().name}")


print("Main thread:", threading.current_thread().name)
threads = [threading.Thread(target=hello, name=f"worker-{i}") for i in range(1, 4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("All workers finished")
