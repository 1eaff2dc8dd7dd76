# expect: wrong-output
# message: missing 64
import multiprocessing
import time


def slow_square(n):
    time.sleep(0.05 * (9 - n))
    return n * n


if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:
        print(list(pool.imap_unordered(slow_square, range(8))))
