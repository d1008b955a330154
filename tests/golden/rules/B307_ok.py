import ast

ast.literal_eval(expr)
model.eval()


def eval(x):
    return x


eval("1")
