# pools/pool-square: square 1, 2, 3, 4 in a pool of 4 worker processes with Pool.map and
# print the list it returns: [1, 4, 9, 16]
import multiprocessing


def square(n):
    return n * n


if __name__ == "__main__":
    # TODO: with multiprocessing.Pool(4) as pool: result = pool.map(...)
    # TODO: print(result)
    pass
