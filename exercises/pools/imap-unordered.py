# pools/imap-unordered: Pool.map waits for every result and returns them in input order.
# Pool.imap_unordered yields each result as soon as a worker finishes it, in completion order.
# Square 1..8 with slow_square in a pool of 4 using imap_unordered, collect the results in a
# list in the order they arrive, and print that list (for example [4, 1, 16, 9, ...]).
import multiprocessing
import time


def slow_square(n):
    time.sleep(0.05 * (9 - n))  # small numbers take longest
    return n * n


if __name__ == "__main__":
    # TODO: with multiprocessing.Pool(4) as pool: results = list(pool.imap_unordered(...))
    # TODO: print(results)
    pass
