import threading

# Q7: Thread with argument (print your name)
def greet(name): print(name)
t = threading.Thread(target=greet,args=("Tanuja",))
t.start()
t.join()
