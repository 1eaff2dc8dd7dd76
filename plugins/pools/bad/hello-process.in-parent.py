# expect: wrong-output
# message: process
import multiprocessing


def hello_proc():
    pass


if __name__ == "__main__":
    p = multiprocessing.Process(target=hello_proc)
    print("Hello Process")
