def exec(code):
    return code


exec("x")
cursor.exec("select 1")
executor.execute(code)
