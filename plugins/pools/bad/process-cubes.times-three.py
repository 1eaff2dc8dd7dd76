# expect: wrong-output
# message: 27
import multiprocessing


def cube(n):
    print(n * 3)


if __name__ == "__main__":
    processes = [multiprocessing.Process(target=cube, args=(i,)) for i in range(1, 4)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
