import multiprocessing

# Q8: Process with argument (print your city)
def city(c): print(c)
p = multiprocessing.Process(target=city,args=("Bangalore",))
p.start()
p.join()
