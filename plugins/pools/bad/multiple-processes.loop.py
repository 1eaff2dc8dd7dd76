# expect: wrong-output
# message: process
def proc_task(n):
    print(f"Process {n} running")


if __name__ == "__main__":
    for i in range(3):
        proc_task(i)
