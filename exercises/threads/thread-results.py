# threads/thread-results: threads leave their results in a list; main prints them after join().
import threading
import time

words = ["apple", "kiwi", "banana", "fig", "cherry"]
results = [None] * len(words)


def measure(i, word):
    time.sleep(0.05 * len(word))  # slow work
    # TODO: store len(word) in this thread's own slot of `results`.


# TODO: start one thread per word with args=(i, word), then join them all.

# TODO: only after the joins, print "word: length" for every word in order, then "total: N".
