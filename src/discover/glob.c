/* glob.c - see glob.h. Iterative matcher with one backtrack point for `*`
 * and recursion only for `**`, whose depth is bounded by the number of `**`
 * in the pattern (patterns are short, written by users). */
#include "discover/glob.h"

/* Matches a bracket class at pat[*pi] (just past '['); returns whether c
 * is in it and advances *pi past ']'. A malformed class matches literally. */
static bool class_match(const char *pat, size_t pat_len, size_t *pi, char c, bool *ok)
{
    size_t i = *pi;
    bool negate = false, found = false;
    if (i < pat_len && (pat[i] == '!' || pat[i] == '^')) { negate = true; i++; }
    size_t first = i;
    while (i < pat_len && (pat[i] != ']' || i == first)) {
        char lo = pat[i];
        if (lo == '\\' && i + 1 < pat_len) lo = pat[++i];
        char hi = lo;
        if (i + 2 < pat_len && pat[i + 1] == '-' && pat[i + 2] != ']') {
            hi = pat[i + 2];
            if (hi == '\\' && i + 3 < pat_len) { hi = pat[i + 3]; i++; }
            i += 2;
        }
        if (c != '/' && (unsigned char)c >= (unsigned char)lo && (unsigned char)c <= (unsigned char)hi) found = true;
        i++;
    }
    if (i >= pat_len) { *ok = false; return false; }   /* no closing ']' */
    *ok = true;
    *pi = i + 1;
    return found != negate;
}

bool glob_match(const char *pat, size_t pat_len, const char *path, size_t path_len)
{
    size_t p = 0, s = 0;
    size_t star_p = (size_t)-1, star_s = 0;
    while (s < path_len || p < pat_len) {
        if (p < pat_len) {
            char c = pat[p];
            if (c == '*' && p + 1 < pat_len && pat[p + 1] == '*') {
                /* A double star followed by a slash matches zero or more
                 * whole folders; a trailing double star matches the rest. */
                size_t rest = p + 2;
                if (rest < pat_len && pat[rest] == '/') rest++;
                if (rest >= pat_len) return true;
                for (size_t k = s; k <= path_len; k++) {
                    if (k == s || path[k - 1] == '/')
                        if (glob_match(pat + rest, pat_len - rest, path + k, path_len - k)) return true;
                }
                return false;
            }
            if (c == '*') {
                star_p = p++;
                star_s = s;
                continue;
            }
            if (s < path_len) {
                if (c == '?' && path[s] != '/') { p++; s++; continue; }
                if (c == '[') {
                    size_t pi = p + 1;
                    bool ok;
                    bool in = class_match(pat, pat_len, &pi, path[s], &ok);
                    if (ok) {
                        if (in) { p = pi; s++; continue; }
                        goto backtrack;
                    }
                }
                if (c == '\\' && p + 1 < pat_len) c = pat[++p];
                if (c == path[s]) { p++; s++; continue; }
            }
        }
    backtrack:
        if (star_p != (size_t)-1 && star_s < path_len && path[star_s] != '/') {
            p = star_p + 1;
            s = ++star_s;
            continue;
        }
        return false;
    }
    return true;
}
