/* test_metadata.c - the core metadata reader: headers, continuation lines,
 * repeated fields, the body, CRLF, errors with line and column, and the
 * licence fields fed to licence resolution. */
#include "unit.h"

#include "deps/metadata.h"

static const char wheel_metadata[] =
    "Metadata-Version: 2.1\n"
    "Name: Example_Pkg\n"
    "Version: 1.2.3\n"
    "Summary: An example\n"
    "License: Copyright (c) 2020 Jane Doe\n"
    "        \n"
    "        Permission is hereby granted, free of charge, to any person obtaining a copy\n"
    "        of this software and associated documentation files\n"
    "Classifier: Programming Language :: Python :: 3\n"
    "Classifier: License :: OSI Approved :: MIT License\n"
    "Classifier: Operating System :: OS Independent\n"
    "Requires-Dist: requests (>=2.0)\n"
    "Requires-Dist: tomli ; python_version < \"3.11\"\n"
    "Description-Content-Type: text/markdown\n"
    "\n"
    "# Example\n"
    "\n"
    "License: this line is body text, not a header\n";

static void test_headers_and_body(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    DistMetadata m;
    KraitError err;
    CHECK_INT(t, metadata_parse(&arena, "METADATA", wheel_metadata, sizeof wheel_metadata - 1, &m, &err), 0);
    CHECK_INT(t, m.count, 11);
    CHECK_STR(t, metadata_get(&m, "name"), "Example_Pkg");
    CHECK_STR(t, metadata_get(&m, "VERSION"), "1.2.3");
    CHECK(t, metadata_get(&m, "Home-page") == NULL);
    CHECK_STR(t, metadata_get(&m, "License"),
              "Copyright (c) 2020 Jane Doe\n\nPermission is hereby granted, free of charge, to any person obtaining "
              "a copy\nof this software and associated documentation files");
    CHECK_INT(t, m.fields[4].line, 5);
    CHECK_INT(t, m.fields[5].line, 9);
    size_t n;
    const char **cls = metadata_get_all(&arena, &m, "Classifier", &n);
    CHECK_INT(t, n, 3);
    CHECK_STR(t, cls[1], "License :: OSI Approved :: MIT License");
    const char **reqs = metadata_get_all(&arena, &m, "requires-dist", &n);
    CHECK_INT(t, n, 2);
    CHECK_STR(t, reqs[1], "tomli ; python_version < \"3.11\"");
    CHECK(t, m.body != NULL);
    CHECK_INT(t, m.body_line, 16);
    CHECK(t, m.body && strncmp(m.body, "# Example\n", 10) == 0);
    metadata_get_all(&arena, &m, "Obsoletes", &n);
    CHECK_INT(t, n, 0);
    arena_free(&arena);
}

static void test_pkg_info_forms(UnitContext *t)
{
    /* CRLF, the "|" continuation of older tools, an empty value, no body */
    const char text[] = "Metadata-Version: 1.1\r\nName: old\r\nLicense: BSD\r\n       |line two\r\n"
                        "Keywords:\r\nPlatform: UNKNOWN";
    Arena arena;
    arena_init(&arena);
    DistMetadata m;
    KraitError err;
    CHECK_INT(t, metadata_parse(&arena, "PKG-INFO", text, sizeof text - 1, &m, &err), 0);
    CHECK_INT(t, m.count, 5);
    CHECK_STR(t, metadata_get(&m, "License"), "BSD\nline two");
    CHECK_STR(t, metadata_get(&m, "Keywords"), "");
    CHECK_STR(t, metadata_get(&m, "Platform"), "UNKNOWN");
    CHECK(t, m.body == NULL);
    CHECK_INT(t, m.body_line, 0);
    /* empty input: no fields, no error */
    CHECK_INT(t, metadata_parse(&arena, "PKG-INFO", "", 0, &m, &err), 0);
    CHECK_INT(t, m.count, 0);
    arena_free(&arena);
}

static void test_errors(UnitContext *t)
{
    static const struct { const char *text; int line, col; const char *why; } cases[] = {
        {"Name: x\nthis is not a header\n", 2, 5, "found a blank in a field name"},
        {"Name: x\nNoColonHere\n", 2, 12, "expected ':' after the field name"},
        {"  continued: x\nName: y\n", 1, 1, "continuation line before any field"},
        {"Name: x\n: value\n", 2, 1, "empty field name"},
        {"Name: x\nBad\x01Name: y\n", 2, 4, "not printable ASCII"},
    };
    Arena arena;
    arena_init(&arena);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        DistMetadata m;
        KraitError err;
        int rc = metadata_parse(&arena, "x/METADATA", cases[i].text, strlen(cases[i].text), &m, &err);
        if (rc != -1 || err.line != cases[i].line || err.col != cases[i].col || !strstr(err.message, cases[i].why) ||
            strcmp(err.path, "x/METADATA") != 0) {
            char msg[300];
            snprintf(msg, sizeof msg, "case %zu: rc %d at %d:%d '%.150s'", i, rc, err.line, err.col, err.message);
            unit_fail(t, __FILE__, __LINE__, msg);
        }
    }
    const char nul[] = "Name: x\nLicense: M\0T\n";
    DistMetadata m;
    KraitError err;
    CHECK_INT(t, metadata_parse(&arena, "M", nul, sizeof nul - 1, &m, &err), -1);
    CHECK_INT(t, err.line, 2);
    CHECK_INT(t, err.col, 11);
    CHECK(t, strstr(err.message, "NUL") != NULL);
    arena_free(&arena);
}

static void test_licence_from_metadata(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    DistMetadata m;
    KraitError err;
    LicenseMetadata lm;
    LicenseResolution r;
    /* classifiers win over the License text */
    CHECK_INT(t, metadata_parse(&arena, "METADATA", wheel_metadata, sizeof wheel_metadata - 1, &m, &err), 0);
    metadata_license_fields(&arena, &m, &lm);
    CHECK_INT(t, lm.classifier_count, 3);
    license_resolve(&arena, &lm, &r);
    CHECK_INT(t, r.source, LICENSE_SOURCE_CLASSIFIERS);
    CHECK_STR(t, r.expression, "MIT");
    /* metadata 2.4: License-Expression wins */
    const char v24[] = "Metadata-Version: 2.4\nName: new\nLicense-Expression: apache-2.0 or mit\n"
                       "License-File: LICENSE\nClassifier: License :: OSI Approved :: BSD License\n";
    CHECK_INT(t, metadata_parse(&arena, "METADATA", v24, sizeof v24 - 1, &m, &err), 0);
    metadata_license_fields(&arena, &m, &lm);
    license_resolve(&arena, &lm, &r);
    CHECK_INT(t, r.source, LICENSE_SOURCE_EXPRESSION);
    CHECK_STR(t, r.expression, "Apache-2.0 OR MIT");
    /* only a full licence text in License */
    const char text_only[] = "Metadata-Version: 2.1\nName: t\nLicense:                                  Apache License\n"
                             "                                Version 2.0, January 2004\n";
    CHECK_INT(t, metadata_parse(&arena, "METADATA", text_only, sizeof text_only - 1, &m, &err), 0);
    metadata_license_fields(&arena, &m, &lm);
    license_resolve(&arena, &lm, &r);
    CHECK_INT(t, r.source, LICENSE_SOURCE_TEXT);
    CHECK_STR(t, r.expression, "Apache-2.0");
    arena_free(&arena);
}

/* Harness for tests/deps/metadata-oracle.test: prints each field as
 * "name<TAB>value" with '\n', '\t' and '\\' escaped, then "BODY<TAB>line". */
static void put_escaped(const char *s)
{
    for (; *s; s++) {
        if (*s == '\n') fputs("\\n", stdout);
        else if (*s == '\t') fputs("\\t", stdout);
        else if (*s == '\\') fputs("\\\\", stdout);
        else putchar(*s);
    }
}

static int run_dump_harness(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        printf("error: cannot open %s\n", path);
        return 2;
    }
    static char text[1 << 20];
    size_t len = fread(text, 1, sizeof text, f);
    fclose(f);
    Arena arena;
    arena_init(&arena);
    DistMetadata m;
    KraitError err;
    int rc = 0;
    if (metadata_parse(&arena, path, text, len, &m, &err) < 0) {
        error_print(stdout, &err);
        rc = 1;
    } else {
        for (size_t i = 0; i < m.count; i++) {
            put_escaped(m.fields[i].name);
            putchar('\t');
            put_escaped(m.fields[i].value);
            putchar('\n');
        }
        printf("BODY\t%d\n", m.body_line);
    }
    arena_free(&arena);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc > 2 && strcmp(argv[1], "--dump") == 0) return run_dump_harness(argv[2]);
    static const UnitTest tests[] = {
        {"headers_and_body", test_headers_and_body},
        {"pkg_info_forms", test_pkg_info_forms},
        {"errors", test_errors},
        {"licence_from_metadata", test_licence_from_metadata},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
