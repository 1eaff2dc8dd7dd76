# expect: wrong-output
# message: your program printed the right lines but did not print the values its pool returned. Print the results the pool call gives back (pool.map() returns them in order), not values computed in the parent.
import multiprocessing


def ident(n):
    return n  # the pool only hands the items back; the squares are computed in the parent


if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:
        got = pool.map(ident, [1, 2, 3, 4])
    print([n * n for n in got])
