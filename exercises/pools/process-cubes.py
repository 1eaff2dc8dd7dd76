# pools/process-cubes: three processes print the cubes of 1, 2 and 3 (one number each:
# 1, 8, 27, in any order). Start all three, then join all three.
import multiprocessing


def cube(n):
    # TODO: print the cube of n
    pass


if __name__ == "__main__":
    # TODO: 3 processes for 1, 2, 3; start all, join all
    pass
