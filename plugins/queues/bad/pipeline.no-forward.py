# expect: timeout
# message: DONE
import queue
import threading

DONE = None
squares_in = queue.Queue()
plus_one_in = queue.Queue()
results = queue.Queue()


def square_stage():
    while (n := squares_in.get()) is not DONE:
        plus_one_in.put(n * n)
    # forgot to pass DONE on: the next stage waits forever


def plus_one_stage():
    while (n := plus_one_in.get()) is not DONE:
        results.put(n + 1)
    results.put(DONE)


stages = [threading.Thread(target=square_stage), threading.Thread(target=plus_one_stage)]
for t in stages:
    t.start()
for n in range(1, 6):
    squares_in.put(n)
squares_in.put(DONE)
while (r := results.get()) is not DONE:
    print(r)
for t in stages:
    t.join()
