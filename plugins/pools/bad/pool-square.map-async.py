# expect: wrong-output
# message: MapResult
import multiprocessing


def square(n):
    return n * n


if __name__ == "__main__":
    # close() and join(), not the with-block's terminate(), which can hang a pool whose workers
    # are still starting: this file must fail the same way every run.
    pool = multiprocessing.Pool(4)
    result = pool.map_async(square, [1, 2, 3, 4])
    print(result)
    pool.close()
    pool.join()
