# pools/pool-double: double 1, 2, 3, 4 with Pool.map in a pool of 4 processes and print
# the list: [2, 4, 6, 8]
import multiprocessing


def double(n):
    return n * 2


if __name__ == "__main__":
    # TODO
    pass
