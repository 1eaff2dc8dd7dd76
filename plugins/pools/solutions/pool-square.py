import multiprocessing


def square(n):
    return n * n


if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:
        result = pool.map(square, [1, 2, 3, 4])
    print(result)
