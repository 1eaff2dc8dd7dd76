# expect: wrong-output
# message: Data from process
import multiprocessing

results = []


def proc_task():
    results.append("Data from process")  # the child's own copy of the list


if __name__ == "__main__":
    p = multiprocessing.Process(target=proc_task)
    p.start()
    p.join()
    print(results)
