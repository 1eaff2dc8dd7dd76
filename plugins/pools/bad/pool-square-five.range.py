# expect: wrong-output
# message: item 1
import multiprocessing


def sq(n):
    return n * n


if __name__ == "__main__":
    with multiprocessing.Pool(5) as pool:
        print(pool.map(sq, range(5)))
