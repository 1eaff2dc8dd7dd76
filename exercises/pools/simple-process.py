# pools/simple-process: run proc_task in a separate process (multiprocessing.Process),
# start it and wait for it with join(). It prints "Process running".
import multiprocessing


def proc_task():
    print("Process running")


if __name__ == "__main__":
    # TODO: create the Process with target=proc_task, start() it, join() it
    pass
