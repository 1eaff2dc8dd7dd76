import queue
import threading

SENTINEL = None
q = queue.Queue()


def producer():
    for item in range(1, 6):
        q.put(item)
    q.put(SENTINEL)  # tells the consumer there is nothing more


def consumer():
    while True:
        item = q.get()
        if item is SENTINEL:
            break
        print(f"Consumed {item}")
    print("Consumer done")


threads = [threading.Thread(target=producer), threading.Thread(target=consumer)]
for t in threads:
    t.start()
for t in threads:
    t.join()
