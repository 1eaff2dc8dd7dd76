import threading


def task(n):
    print(f"Task {n} running")


threads = []
for i in range(3):
    t = threading.Thread(target=task, args=(i,))
    threads.append(t)
    t.start()
for t in threads:
    t.join()
