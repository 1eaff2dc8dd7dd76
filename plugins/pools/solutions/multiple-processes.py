import multiprocessing


def proc_task(n):
    print(f"Process {n} running")


if __name__ == "__main__":
    processes = [multiprocessing.Process(target=proc_task, args=(i,)) for i in range(3)]
    for p in processes:
        p.start()
    for p in processes:
        p.join()
