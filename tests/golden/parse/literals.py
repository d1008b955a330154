i = [0, 1, 1_000, 0x1F, 0o17, 0b1010, 0XFF, 123456789012345678901234567890]
f = [1.0, 1., .5, 1e10, 1E-5, 1_0.0_1, 3.14j, 10J, 1e100j, 0.1, 1e400]
s = ['single', "double", '''triple''', """triple2""", r'raw\n', R"raw", u'uni', U"uni"]
b = [b'bytes', B"B", rb'\x00', BR"raw", b'\x00\xff', b"\n"]
e = ["\n\t\\\'\"", "\x41\u00e9\U0001F600\N{EM DASH}", "\101\0", "a\
b", '\a\b\f\v\r']
c = [None, True, False, ..., Ellipsis]
n = -1, +2, ~3, not 4
x = 'implicit' 'concat' "enation"
y = ("multi"
     "line")
z = ''
