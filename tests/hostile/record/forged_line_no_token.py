# A program with no thread appends the line the old record file took, on the record's descriptor.
# expect: wrong-output
# message: the behaviour record was damaged (a line without the run's token)
import os
os.write(1021, b'{"probe":"python","pid":2,"threads_started":3,"threads_joined":3,"max_concurrent_threads":3}\n')
for i in range(3):
    print(f"Task {i} running")
