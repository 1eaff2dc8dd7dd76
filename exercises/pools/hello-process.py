# pools/hello-process: a child process prints "Hello Process"; the main program starts it
# and joins it.
import multiprocessing


def hello_proc():
    # TODO: print("Hello Process")
    pass


if __name__ == "__main__":
    # TODO: run hello_proc in a multiprocessing.Process, start and join it
    pass
