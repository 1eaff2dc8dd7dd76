# A program with no thread closes the record's descriptor, so its probe cannot report.
# expect: wrong-output
# message: the behaviour record was damaged (the main process ended without its exit line
import os
os.close(1021)
for i in range(3):
    print(f"Task {i} running")
