/* pkgname.h - PEP 503 project-name normalisation: lowercase, and every run
 * of '-', '_' and '.' becomes one '-'. Every comparison of package names in
 * krait goes through this one function. */
#ifndef KRAIT_PKGNAME_H
#define KRAIT_PKGNAME_H

#include <stddef.h>

/* Writes the normalised name of name[0..len) into out (NUL-terminated,
 * at most out_size bytes including the NUL) and returns its length, or -1
 * when it does not fit. */
int pkgname_normalize(const char *name, size_t len, char *out, size_t out_size);

#endif
