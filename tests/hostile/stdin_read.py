# expect: runtime-error
# stdin is /dev/null: the read does not block, input() raises EOFError.
name = input()
print(name)
