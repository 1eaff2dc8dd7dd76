# expect: wrong-output
# message: None
import multiprocessing


def add(a, b):
    return a + b  # a Process throws its target's return value away


if __name__ == "__main__":
    p = multiprocessing.Process(target=add, args=(5, 7))
    p.start()
    p.join()
    print(getattr(p, "result", None))
