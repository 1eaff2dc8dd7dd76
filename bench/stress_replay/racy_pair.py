# A rarer lost update for bench/stress_replay.py: 2 threads, one unlocked increment each, after
# some unrelated work, so the noise must pause the right thread at the right store.
import threading

count = 0


def safe_inc():
    global count
    total = 0
    for i in range(200):
        total += i
    count += 1


threads = [threading.Thread(target=safe_inc) for _ in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("Count safe:", count)
