# expect: runtime-error
# message: your program wrote more than 64 MiB of files
# isolation: disk
# tier: A
# Files of 1000 KiB each (under the 1 MiB file-size limit) until the run directory is full.
i = 0
while True:
    with open("part%d.bin" % i, "wb") as f:
        f.write(b"\0" * (1000 << 10))
    i += 1
