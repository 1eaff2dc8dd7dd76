import multiprocessing


def power(base, exponent):
    return base**exponent


if __name__ == "__main__":
    pairs = [(2, 3), (3, 2), (4, 2), (5, 0)]
    with multiprocessing.Pool(2) as pool:
        print(pool.starmap(power, pairs))
