import multiprocessing


def produce(q):
    q.put(list(range(100_000)))  # about 500 KB once pickled: far more than a pipe holds


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=produce, args=(q,))
    p.start()
    numbers = q.get()  # read first: the child cannot exit while its data is still queued
    p.join()
    print(f"Received {len(numbers)} numbers, sum {sum(numbers)}")
