# expect: wrong-output
# message: process
def proc_task():
    print("Process running")


if __name__ == "__main__":
    proc_task()
