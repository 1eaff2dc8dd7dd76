import multiprocessing


def add(a, b, q):
    q.put(a + b)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=add, args=(5, 7, q))
    p.start()
    print(q.get())
    p.join()
