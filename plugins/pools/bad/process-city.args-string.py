# expect: wrong-output
# message: args=
import multiprocessing


def city(name):
    print(name)


if __name__ == "__main__":
    # ("Bangalore") is just a string: the child calls city() with 9 letters and fails.
    p = multiprocessing.Process(target=city, args=("Bangalore"))
    p.start()
    p.join()
