# pools/process-numbers: start two processes; the first prints 0, the second prints 1
# (pass the number through args). Start both, then join both: the order may vary.
import multiprocessing


def proc_num(n):
    print(n)


if __name__ == "__main__":
    # TODO: 2 processes with args=(0,) and args=(1,); start both, join both
    pass
