# expect: timeout
# message: sentinel
import queue
import threading

q = queue.Queue()


def producer():
    for item in range(1, 6):
        q.put(item)


def consumer():
    while True:
        item = q.get()  # waits forever once the producer is done
        print(f"Consumed {item}")


threads = [threading.Thread(target=producer), threading.Thread(target=consumer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("Consumer done")
