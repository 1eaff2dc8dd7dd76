# pools/pool-starmap: Pool.map passes one argument per task. Pool.starmap unpacks each item,
# so a tuple (2, 3) becomes the call power(2, 3). Compute power for each pair below in a pool of
# 2 processes with starmap and print the list: [8, 9, 16, 1]
import multiprocessing


def power(base, exponent):
    return base**exponent


if __name__ == "__main__":
    pairs = [(2, 3), (3, 2), (4, 2), (5, 0)]
    # TODO
