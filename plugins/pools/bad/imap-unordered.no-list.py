# expect: wrong-output
# message: iterator
import multiprocessing
import time


def slow_square(n):
    time.sleep(0.05 * (9 - n))
    return n * n


if __name__ == "__main__":
    # close() and join(), not the with-block's terminate(), which can hang a pool whose workers
    # are still starting: this file must fail the same way every run.
    pool = multiprocessing.Pool(4)
    print(pool.imap_unordered(slow_square, range(1, 9)))
    pool.close()
    pool.join()
