import multiprocessing

# Example 7: Using Pool
def square(n):
    return n*n
with multiprocessing.Pool(4) as pool:
    result = pool.map(square, [1,2,3,4])
print(result)
