import multiprocessing


def proc_task(q):
    q.put("Data from process")


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=proc_task, args=(q,))
    p.start()
    print(q.get())  # get before join: a child cannot finish while its data is still queued
    p.join()
