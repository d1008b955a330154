import builtins

exec("print(1)")  # fires
builtins.exec(code)  # fires
run = exec
run(code)  # fires
