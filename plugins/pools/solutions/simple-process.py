import multiprocessing


def proc_task():
    print("Process running")


if __name__ == "__main__":
    p = multiprocessing.Process(target=proc_task)
    p.start()
    p.join()
