# pools/multiple-processes: start three processes running proc_task(0), proc_task(1) and
# proc_task(2). Start all three first, then join all three. The lines may come in any order.
import multiprocessing


def proc_task(n):
    print(f"Process {n} running")


if __name__ == "__main__":
    # TODO: a list of 3 Processes (args=(i,)), start them all, then join them all
    pass
