import multiprocessing


def word_length(word):
    return len(word)


if __name__ == "__main__":
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        print(pool.map(word_length, ["thread", "process", "lock", "queue"]))
