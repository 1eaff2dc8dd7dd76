import multiprocessing

# Challenge 4: Use Pool to double numbers 1-4
def double(n): return n*2
with multiprocessing.Pool(4) as pool:
    print(pool.map(double,[1,2,3,4]))
