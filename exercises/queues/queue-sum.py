# queues/queue-sum: a child process computes 5 + 7 and puts the result into a
# multiprocessing.Queue; the parent gets it and prints it (12).
import multiprocessing


def add(a, b, q):
    # TODO: put a + b into q
    pass


if __name__ == "__main__":
    # TODO: queue, Process(target=add, args=(5, 7, q)), start, print(q.get()), join
    pass
