import multiprocessing

# Challenge 6: Multiprocessing with return values in list
def square(n): return n*n
with multiprocessing.Pool(3) as pool:
    res = pool.map(square,[2,3,4])
print(res)
