# expect: wrong-output
# message: the parent put the values on the queue and took them back itself: the child process must put() the result, and the parent get() it
import multiprocessing


def add(a, b, q):
    pass  # the child does nothing


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=add, args=(5, 7, q))
    p.start()
    q.put(5 + 7)
    print(q.get())
    p.join()
