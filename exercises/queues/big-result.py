# queues/big-result: this program hangs. The child puts a large list (100000 numbers) into a
# multiprocessing.Queue. The data travels through an OS pipe that holds only about 64 KB, and a
# process that has put data into a queue does not exit until all of it has been written into the
# pipe. The parent calls join() before get(): it waits for the child to exit, while the child
# waits for the parent to read. Deadlock.
# Fix the order so the program prints:
#   Received 100000 numbers, sum 4999950000
import multiprocessing


def produce(q):
    q.put(list(range(100_000)))


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=produce, args=(q,))
    p.start()
    p.join()
    numbers = q.get()
    print(f"Received {len(numbers)} numbers, sum {sum(numbers)}")
