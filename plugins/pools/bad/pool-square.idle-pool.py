# expect: wrong-output
# message: gave 0 tasks to a pool; the exercise asks for 4
import multiprocessing


def square(n):
    return n * n


if __name__ == "__main__":
    with multiprocessing.Pool(4) as pool:  # created, never given the work
        result = list(map(square, [1, 2, 3, 4]))
    print(result)
