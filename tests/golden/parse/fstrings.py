name = "x"
a = f"hello {name}!"
b = f"{name!r} {name!s:>10} {name!a}"
c = f"{value:{width}.{precision}f}"
d = f"{x=}" f"{y = }" f"{z=!s:^5}"
e = f"{'nested' + f'{inner}'}" rf"\d{x}" Rf"{{}}"
g = f"""multi
{line}
  {x:
>3}"""
h = f"{a['key']}" f'{b["k"]}' f"{f"{f"{deep}"}"}"
i = "plain" f"{mixed}" u"unicode"
j = u"only" "strings" 'here'
k = b"by" b"tes"
l = f"{x!r:{y}}" f"" "" f"{{literal}}"
m = f"{1+2 = # comment
  }"
n = f"{(lambda: 1)()}"
o = f"{x:=10}" f"{(x:=10)}"
p = f"\N{BULLET} {x}\t\\"
