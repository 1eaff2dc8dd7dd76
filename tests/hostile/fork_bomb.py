# expect: runtime-error|timeout
# message: your program started more than 32 processes
# The main process either dies on its own failed fork (runtime-error) or keeps forking as slots
# free up until the wall clock (timeout); either way the message names the process limit.
import os
while True:
    os.fork()
