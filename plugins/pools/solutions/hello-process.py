import multiprocessing


def hello_proc():
    print("Hello Process")


if __name__ == "__main__":
    p = multiprocessing.Process(target=hello_proc)
    p.start()
    p.join()
