# expect: runtime-error
# message: your program made more than 4096 files
# isolation: disk
# tier: A
import os
os.mkdir("d")
i = 0
while True:
    open("d/%d" % i, "w").close()
    i += 1
