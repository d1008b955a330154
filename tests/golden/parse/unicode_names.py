π = 3.14159
café = "coffee"
ﬁle = 1
def naïve(Ω, ℌ=2): return Ω + ℌ
class Ünïcödé: pass
x = "日本語" + π
print(ﬁle, fi)
