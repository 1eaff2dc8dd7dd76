# queues/process-queue: a child process sends the text "Data from process" back to its parent
# through a multiprocessing.Queue; the parent takes it from the queue and prints it.
import multiprocessing


def proc_task(q):
    # TODO: put "Data from process" into q
    pass


if __name__ == "__main__":
    # TODO: create a multiprocessing.Queue, start a Process running proc_task with the queue
    #       as its argument, print(q.get()), join the process
    pass
