# expect: timeout
# message: __main__
import multiprocessing


def word_length(word):
    return len(word)


ctx = multiprocessing.get_context("spawn")
with ctx.Pool(2) as pool:
    print(pool.map(word_length, ["thread", "process", "lock", "queue"]))
