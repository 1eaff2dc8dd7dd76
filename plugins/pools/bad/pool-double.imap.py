# expect: wrong-output
# message: iterator
import multiprocessing


def double(n):
    return n * 2


if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:
        print(pool.imap(double, [1, 2, 3, 4]))
