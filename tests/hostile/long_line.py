# expect: output-limit
# One 100 MB line without a newline, streamed in 1 MB pieces.
import sys
piece = "x" * (1 << 20)
for _ in range(100):
    sys.stdout.write(piece)
