import multiprocessing


def proc_num(n):
    print(n)


if __name__ == "__main__":
    processes = [multiprocessing.Process(target=proc_num, args=(i,)) for i in range(2)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
