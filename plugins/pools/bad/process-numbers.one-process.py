# expect: wrong-output
# message: process
import multiprocessing


def both():
    print(0)
    print(1)


if __name__ == "__main__":
    p = multiprocessing.Process(target=both)
    p.start()
    p.join()
