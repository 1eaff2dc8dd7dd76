# expect: wrong-output
# message: gave 1 task to a pool; the exercise asks for 4
import multiprocessing


def double(n):
    return n * 2


if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:
        pool.apply(double, (0,))  # one token task; the real work is done here, in the parent
        print([double(n) for n in [1, 2, 3, 4]])
