# pools/pool-square-five: square the numbers 1 to 5 with Pool.map in a pool of 5 processes
# and print the list: [1, 4, 9, 16, 25]
import multiprocessing


def sq(n):
    return n * n


if __name__ == "__main__":
    # TODO: with multiprocessing.Pool(5) as pool: print(pool.map(sq, ...))
    pass
