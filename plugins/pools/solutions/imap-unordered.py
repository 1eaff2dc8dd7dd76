import multiprocessing
import time


def slow_square(n):
    time.sleep(0.05 * (9 - n))  # small numbers take longest
    return n * n


if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:
        results = list(pool.imap_unordered(slow_square, range(1, 9)))
    print(results)
