# pools/spawn-guard: on Linux, processes start by "fork" (a copy of the parent). Windows and
# macOS use "spawn": a fresh interpreter that re-imports your file. Code at the top level of the
# file then runs again in every child, so the code that creates processes must sit under
# `if __name__ == "__main__":`.
# Make a Pool of 2 from multiprocessing.get_context("spawn"), map word_length over
# ["thread", "process", "lock", "queue"] and print the list: [6, 7, 4, 5]
import multiprocessing


def word_length(word):
    return len(word)


# TODO: the guard, then ctx = multiprocessing.get_context("spawn"); with ctx.Pool(2) as pool: ...
