/* pkgname.c - see pkgname.h. */
#include "deps/pkgname.h"

int pkgname_normalize(const char *name, size_t len, char *out, size_t out_size)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        if (c == '-' || c == '_' || c == '.') {
            while (i + 1 < len && (name[i + 1] == '-' || name[i + 1] == '_' || name[i + 1] == '.')) i++;
            c = '-';
        } else if (c >= 'A' && c <= 'Z') {
            c = (char)(c - 'A' + 'a');
        }
        if (n + 1 >= out_size) return -1;
        out[n++] = c;
    }
    if (n >= out_size) return -1;
    out[n] = '\0';
    return (int)n;
}
