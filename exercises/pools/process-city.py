# pools/process-city: pass the name of your city to a child process through args; the child
# prints it (just the name, on one line).
import multiprocessing


def city(name):
    print(name)


if __name__ == "__main__":
    # TODO: Process(target=city, args=("YourCity",)), start, join
    pass
