# expect: wrong-output
# message: got 'apple: None'
# Missing join: the main thread prints while the workers are still sleeping, so every slot is
# still None (and sum() fails on None: a runtime-error would hide the lesson, so it is guarded).
import threading
import time

words = ["apple", "kiwi", "banana", "fig", "cherry"]
results = [None] * len(words)


def measure(i, word):
    time.sleep(0.05 * len(word))
    results[i] = len(word)


threads = [threading.Thread(target=measure, args=(i, word)) for i, word in enumerate(words)]
for t in threads:
    t.start()

for word, length in zip(words, results):
    print(f"{word}: {length}")
print(f"total: {sum(r for r in results if r is not None)}")
