import threading
import time

words = ["apple", "kiwi", "banana", "fig", "cherry"]
results = [None] * len(words)


def measure(i, word):
    time.sleep(0.05 * len(word))  # slow work: the threads finish in order of length
    results[i] = len(word)        # each thread writes only its own slot


threads = [threading.Thread(target=measure, args=(i, word)) for i, word in enumerate(words)]
for t in threads:
    t.start()
for t in threads:
    t.join()

for word, length in zip(words, results):
    print(f"{word}: {length}")
print(f"total: {sum(results)}")
