# A lost-update race for bench/stress_replay.py: 4 threads x 3000 unlocked increments.
import threading

count = 0


def safe_inc():
    global count
    for _ in range(3000):
        count += 1


threads = [threading.Thread(target=safe_inc) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("Count safe:", count)
