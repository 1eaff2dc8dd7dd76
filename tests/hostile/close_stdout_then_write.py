# expect: runtime-error
import os
os.close(1)
os.write(1, b"after close\n")
