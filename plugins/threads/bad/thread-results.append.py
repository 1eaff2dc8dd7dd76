# expect: wrong-output
# message: expected 'apple: 5', got 'apple: 
# append() stores results in the order the threads finish (shortest word first), so the
# lengths no longer line up with the words.
import threading
import time

words = ["apple", "kiwi", "banana", "fig", "cherry"]
results = []


def measure(i, word):
    time.sleep(0.05 * len(word))
    results.append(len(word))


threads = [threading.Thread(target=measure, args=(i, word)) for i, word in enumerate(words)]
for t in threads:
    t.start()
for t in threads:
    t.join()

for word, length in zip(words, results):
    print(f"{word}: {length}")
print(f"total: {sum(results)}")
