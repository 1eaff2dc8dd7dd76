# expect: wrong-output
# message: pool
def square(n):
    return n * n


if __name__ == "__main__":
    print(list(map(square, [1, 2, 3, 4])))
