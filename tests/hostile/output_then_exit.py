# expect: runtime-error
import sys
print("42")
sys.exit(3)
