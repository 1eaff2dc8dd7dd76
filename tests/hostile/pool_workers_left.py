# expect: passed
import multiprocessing as mp, os, time

def sleeper(q):
    q.put("started")
    time.sleep(10**6)

if __name__ == "__main__":
    pool = mp.Pool(3)
    print(pool.map(abs, [-1, -2, -3]), flush=True)
    q = mp.Queue()
    p = mp.Process(target=sleeper, args=(q,))
    p.start()
    print(q.get(), flush=True)
    os._exit(0)  # neither the pool nor the process is cleaned up
