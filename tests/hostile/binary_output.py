# expect: passed
# stdout-bytes: 256 bytes 0..255 then ff fe c3 28 1b 5b 32 4a
import sys
sys.stdout.buffer.write(bytes(range(256)) + b"\xff\xfe\xc3\x28\x1b[2J")
