# pools/pool-results: Pool.map returns the workers' return values as a list, in input order.
# Square 2, 3, 4 in a pool of 3 processes, keep the list, and print it after the pool is
# closed (after the with block): [4, 9, 16]
import multiprocessing


def square(n):
    return n * n


if __name__ == "__main__":
    # TODO
    pass
