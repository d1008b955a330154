eval(expr)  # fires
eval("1 + 1")  # fires
import builtins
builtins.eval(x)  # fires
