# expect: passed
# args: huge
import os, sys
print(len(sys.argv), sum(len(a) for a in sys.argv), len(os.environ.get("HUGE", "")))
