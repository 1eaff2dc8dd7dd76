# queues/producer-consumer: a producer thread puts the numbers 1 to 5 into a queue.Queue, then a
# sentinel (None) that means "no more items". A consumer thread takes items until it gets the
# sentinel, printing "Consumed N" for each number, and then prints "Consumer done".
# Start both threads and join both. The consumer must not guess how many items will come.
import queue
import threading

SENTINEL = None
q = queue.Queue()


def producer():
    # TODO: put 1..5, then SENTINEL
    pass


def consumer():
    # TODO: loop: item = q.get(); stop at SENTINEL; otherwise print(f"Consumed {item}")
    # TODO: print("Consumer done")
    pass


# TODO: start a producer thread and a consumer thread, join both
