# expect: timeout
# message: join
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
