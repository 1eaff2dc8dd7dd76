# expect: runtime-error
# Unbounded recursion: Python stops it with RecursionError (a traceback, exit code 1).
def f(n):
    return f(n + 1) + 1
f(0)
