# expect: wrong-output
# message: iterator
import multiprocessing


def double(n):
    return n * 2


if __name__ == "__main__":
    # close() and join(), not the with-block's terminate(): a pool terminated while its workers
    # still start can hang (CPython), and this file must fail the same way every run.
    pool = multiprocessing.Pool(4)
    print(pool.imap(double, [1, 2, 3, 4]))
    pool.close()
    pool.join()
