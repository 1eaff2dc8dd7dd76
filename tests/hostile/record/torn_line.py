# A program with no thread leaves a torn line on the record's descriptor (the old record file
# became "partial" and the requirement went unchecked).
# expect: wrong-output
# message: the behaviour record was damaged (a line that is not a JSON object)
import os
os.write(1021, b'{"v":1,"token":"')
for i in range(3):
    print(f"Task {i} running")
