/* pyrepr.h - Python's repr() of the constant kinds the parser produces,
 * byte for byte as CPython 3.13 prints them, appended to a StrBuf. */
#ifndef KRAIT_PYREPR_H
#define KRAIT_PYREPR_H

#include "base/strbuf.h"
#include "python/ast.h"

#include <stddef.h>

/* s: UTF-8 with lone surrogates as 3-byte sequences (as in AstConst). */
void pyrepr_str(StrBuf *out, const char *s, size_t len);
void pyrepr_bytes(StrBuf *out, const char *s, size_t len);
/* repr(float): shortest round-tripping digits, "1e+16", "1e-05", "inf". */
void pyrepr_float(StrBuf *out, double v);
/* repr(complex(0, imag)) as an imaginary literal gives it: "1j", "1.5j". */
void pyrepr_imag(StrBuf *out, double imag);
void pyrepr_const(StrBuf *out, const AstConst *c);

#endif
