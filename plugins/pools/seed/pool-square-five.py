import multiprocessing

# Q6: Use Pool to square numbers 1-5
def sq(n): return n*n
with multiprocessing.Pool(5) as pool:
    print(pool.map(sq,[1,2,3,4,5]))
