# expect: wrong-output
# message: one per line
import multiprocessing


def square(n):
    return n * n


if __name__ == "__main__":
    with multiprocessing.Pool(3) as pool:
        for r in pool.map(square, [2, 3, 4]):
            print(r)
