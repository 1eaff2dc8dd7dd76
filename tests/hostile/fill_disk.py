# expect: runtime-error
with open("big.bin", "wb") as f:
    block = b"\0" * (1 << 20)
    while True:
        f.write(block)
