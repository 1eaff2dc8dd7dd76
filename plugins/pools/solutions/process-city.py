import multiprocessing


def city(name):
    print(name)


if __name__ == "__main__":
    p = multiprocessing.Process(target=city, args=("Bangalore",))
    p.start()
    p.join()
