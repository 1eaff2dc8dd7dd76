import os, threading
print("Thread: 0")
os.abort()               # SIGABRT
