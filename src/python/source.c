/* source.c - see source.h. The coding declaration is looked for in the raw
 * bytes exactly where CPython looks (a comment-only line 1, or line 2 after
 * a blank or comment-only line 1); conversion happens once for the whole
 * file; newline translation and the final newline are one copying pass. */
#include "python/source.h"

#include "base/die.h"
#include "python/unicode.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <string.h>

enum { CODING_NAME_MAX = 64 };

/* One physical line of the raw input: [start, end) without its newline. */
typedef struct RawLine {
    const char *start;
    const char *end;
} RawLine;

static RawLine raw_line_at(const char *p, const char *limit)
{
    RawLine line = {p, p};
    while (line.end < limit && *line.end != '\n' && *line.end != '\r') line.end++;
    return line;
}

static const char *raw_line_next(const char *p, const char *limit)
{
    while (p < limit && *p != '\n' && *p != '\r') p++;
    if (p < limit && *p == '\r') p++;
    if (p < limit && *p == '\n') p++;
    return p;
}

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\f'; }

/* Line 1 only lets line 2 carry the declaration when it holds nothing but
 * blanks and a comment (CPython's check_coding_spec). */
static int line_is_comment_or_blank(RawLine line)
{
    for (const char *p = line.start; p < line.end; p++) {
        if (*p == '#') return 1;
        if (!is_blank(*p)) return 0;
    }
    return 1;
}

/* Finds "coding[:=][ \t]*NAME" inside a comment that is the whole line.
 * Copies NAME into name (truncated to size) and returns 1 when found. */
static int find_coding_spec(RawLine line, char *name, size_t size)
{
    const char *p = line.start;
    while (p < line.end && is_blank(*p)) p++;
    if (p >= line.end || *p != '#') return 0;
    for (; p + 6 < line.end; p++) {
        if (memcmp(p, "coding", 6) != 0) continue;
        const char *t = p + 6;
        if (*t != ':' && *t != '=') continue;
        t++;
        while (t < line.end && (*t == ' ' || *t == '\t')) t++;
        const char *begin = t;
        while (t < line.end && (isalnum((unsigned char)*t) || *t == '-' || *t == '_' || *t == '.')) t++;
        if (t == begin) continue;
        size_t n = (size_t)(t - begin);
        if (n >= size) n = size - 1;
        memcpy(name, begin, n);
        name[n] = '\0';
        return 1;
    }
    return 0;
}

static int has_prefix_word(const char *s, const char *word)
{
    size_t n = strlen(word);
    return strncmp(s, word, n) == 0 && (s[n] == '\0' || s[n] == '-');
}

/* CPython's get_normal_name: utf-8 and latin-1 spellings get one name, the
 * rest stay as written. */
static const char *normal_coding_name(Arena *arena, const char *name)
{
    char low[13];
    size_t i = 0;
    for (; name[i] && i < 12; i++) low[i] = name[i] == '_' ? '-' : (char)tolower((unsigned char)name[i]);
    low[i] = '\0';
    if (has_prefix_word(low, "utf-8")) return "utf-8";
    if (has_prefix_word(low, "latin-1") || has_prefix_word(low, "iso-8859-1") ||
        has_prefix_word(low, "iso-latin-1"))
        return "iso-8859-1";
    return arena_strndup(arena, name, strlen(name));
}

/* Python codec names that iconv spells differently; anything else is
 * handed to iconv as written (upper-cased, '_' as '-'). */
static const char *const codec_aliases[][2] = {
    {"UTF8", "UTF-8"}, {"U8", "UTF-8"}, {"UTF", "UTF-8"}, {"CP65001", "UTF-8"},
    {"LATIN1", "ISO-8859-1"}, {"LATIN-1", "ISO-8859-1"}, {"L1", "ISO-8859-1"},
    {"ISO-8859-1", "ISO-8859-1"}, {"ISO8859-1", "ISO-8859-1"}, {"8859", "ISO-8859-1"},
    {"CP819", "ISO-8859-1"}, {"US-ASCII", "ASCII"}, {"646", "ASCII"},
    {"WINDOWS-1252", "CP1252"}, {"MAC-ROMAN", "MACINTOSH"}, {"MACROMAN", "MACINTOSH"},
    {"MACINTOSH", "MACINTOSH"}, {"SJIS", "SHIFT_JIS"}, {"SHIFT-JIS", "SHIFT_JIS"},
    {"S-JIS", "SHIFT_JIS"}, {"EUCJP", "EUC-JP"}, {"UJIS", "EUC-JP"}, {"EUCKR", "EUC-KR"},
    {"KOI8R", "KOI8-R"}, {"KOI8U", "KOI8-U"}, {"LATIN", "ISO-8859-1"},
};

static void iconv_name_for(const char *name, char *out, size_t size)
{
    size_t i = 0;
    for (; name[i] && i + 1 < size; i++) out[i] = name[i] == '_' ? '-' : (char)toupper((unsigned char)name[i]);
    out[i] = '\0';
    for (size_t k = 0; k < sizeof codec_aliases / sizeof codec_aliases[0]; k++) {
        if (strcmp(out, codec_aliases[k][0]) == 0) {
            snprintf(out, size, "%s", codec_aliases[k][1]);
            return;
        }
    }
}

static int is_utf8_name(const char *iconv_name) { return strcmp(iconv_name, "UTF-8") == 0; }

/* Line (1-based) and byte offset in that line of position pos in buf. */
static void locate(const char *buf, size_t pos, int *line, size_t *line_start)
{
    int n = 1;
    size_t start = 0;
    for (size_t i = 0; i < pos; i++) {
        if (buf[i] == '\n' || (buf[i] == '\r' && (i + 1 >= pos || buf[i + 1] != '\n'))) {
            n++;
            start = i + 1;
        }
    }
    *line = n;
    *line_start = start;
}

static int convert_with_iconv(Arena *arena, const char *path, const char *codec, const char *iconv_name,
                              const char *src, size_t len, char **out, size_t *out_len, KraitError *err)
{
    iconv_t cd = iconv_open("UTF-8", iconv_name);
    if (cd == (iconv_t)-1) return error_set(err, path, 0, 0, "unknown encoding: %s", codec);
    size_t cap = len * 4 + 16;
    char *buf = arena_alloc(arena, cap);
    char *in = (char *)src, *outp = buf;
    size_t in_left = len, out_left = cap;
    size_t rc = iconv(cd, &in, &in_left, &outp, &out_left);
    int saved = errno;
    iconv_close(cd);
    if (rc == (size_t)-1) {
        size_t pos = (size_t)(in - src);
        int line;
        size_t line_start;
        locate(src, pos, &line, &line_start);
        const char *why = saved == EINVAL ? "unexpected end of data" : "character maps to <undefined>";
        return error_set(err, path, line, (int)(pos - line_start) + 1,
                         "(unicode error) '%s' codec can't decode byte 0x%02x in position %zu: %s", codec,
                         (unsigned char)src[pos], pos - line_start, why);
    }
    *out = buf;
    *out_len = (size_t)(outp - buf);
    return 0;
}

/* The first invalid UTF-8 sequence, described as Python's codec does. */
static int check_utf8(const char *path, const char *s, size_t len, KraitError *err)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        /* ASCII eight bytes at a time: nearly all source code. */
        uint64_t word;
        while (i + 8 <= len && (memcpy(&word, u + i, 8), (word & 0x8080808080808080u) == 0)) i += 8;
        if (i >= len) break;
        if (u[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        int n = unicode_utf8_decode(u + i, len - i, &cp);
        if (n > 0) {
            i += (size_t)n;
            continue;
        }
        const char *why = "invalid start byte";
        if (u[i] >= 0xC2 && u[i] <= 0xF4) {
            size_t want = u[i] < 0xE0 ? 2 : u[i] < 0xF0 ? 3 : 4;
            size_t have = 1;
            while (have < want && i + have < len && (u[i + have] & 0xC0) == 0x80) have++;
            int cut = i + have >= len || u[i + have] == '\n' || u[i + have] == '\r';
            why = have < want && cut ? "unexpected end of data" : "invalid continuation byte";
        }
        int line;
        size_t line_start;
        locate(s, i, &line, &line_start);
        int col = (int)unicode_count_chars(s + line_start, i - line_start) + 1;
        return error_set(err, path, line, col,
                         "(unicode error) 'utf-8' codec can't decode byte 0x%02x in position %zu: %s", u[i],
                         i - line_start, why);
    }
    return 0;
}

static int check_no_nul(const char *path, const char *s, size_t len, KraitError *err)
{
    const char *nul = memchr(s, '\0', len);
    if (!nul) return 0;
    int line;
    size_t line_start;
    locate(s, (size_t)(nul - s), &line, &line_start);
    int col = (int)unicode_count_chars(s + line_start, (size_t)(nul - s) - line_start) + 1;
    return error_set(err, path, line, col, "source code cannot contain null bytes");
}

/* Copies s with "\r\n" and "\r" turned into "\n" and a final newline added
 * when missing. */
static char *normalise_newlines(Arena *arena, const char *s, size_t len, size_t *out_len, int *added)
{
    char *buf = arena_alloc(arena, len + 2);
    size_t n = 0, i = 0;
    for (;;) {
        const char *cr = memchr(s + i, '\r', len - i);
        size_t stop = cr ? (size_t)(cr - s) : len;
        memcpy(buf + n, s + i, stop - i);
        n += stop - i;
        if (!cr) break;
        buf[n++] = '\n';
        i = stop + 1;
        if (i < len && s[i] == '\n') i++;
    }
    *added = n > 0 && buf[n - 1] != '\n';
    if (*added) buf[n++] = '\n';
    buf[n] = '\0';
    *out_len = n;
    return buf;
}

static int find_declaration(const char *s, size_t len, char *name, size_t size)
{
    const char *limit = s + len;
    RawLine first = raw_line_at(s, limit);
    if (find_coding_spec(first, name, size)) return 1;
    if (!line_is_comment_or_blank(first)) return 0;
    const char *next = raw_line_next(s, limit);
    if (next >= limit) return 0;
    return find_coding_spec(raw_line_at(next, limit), name, size) ? 2 : 0;
}

int source_decode(Arena *arena, const char *path, const char *src, size_t len, int borrow, SourceText *out,
                  KraitError *err)
{
    memset(out, 0, sizeof *out);
    if (len == 0) src = "";   /* callers may pass NULL for nothing; memchr may not get it */
    int bom = len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0;
    if (bom) src += 3, len -= 3;
    char name[CODING_NAME_MAX];
    int decl_line = find_declaration(src, len, name, sizeof name);
    const char *codec = decl_line ? normal_coding_name(arena, name) : "utf-8";
    char iconv_name[CODING_NAME_MAX];
    iconv_name_for(codec, iconv_name, sizeof iconv_name);
    /* Only the exact spelling utf-8 (or utf-8-*) may accompany a BOM. */
    if (bom && decl_line && strcmp(codec, "utf-8") != 0)
        return error_set(err, path, 0, 0, "encoding problem: %s with BOM", codec);
    const char *utf8 = src;
    size_t utf8_len = len;
    if (!is_utf8_name(iconv_name)) {
        char *converted = NULL;
        if (convert_with_iconv(arena, path, codec, iconv_name, src, len, &converted, &utf8_len, err) < 0)
            return -1;
        utf8 = converted;
    } else if (check_utf8(path, src, len, err) < 0) {
        return -1;
    }
    if (check_no_nul(path, utf8, utf8_len, err) < 0) return -1;
    int in_place = borrow && utf8 == src && !bom && utf8_len > 0 && utf8[utf8_len - 1] == '\n' &&
                   utf8[utf8_len] == '\0' && !memchr(utf8, '\r', utf8_len);
    if (in_place) {
        out->text = utf8;
        out->len = utf8_len;
    } else {
        out->text = normalise_newlines(arena, utf8, utf8_len, &out->len, &out->added_newline);
    }
    out->encoding = bom ? "utf-8-sig" : codec;
    out->coding_line = decl_line;
    return 0;
}
