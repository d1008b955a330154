/* test_license.c - SPDX id lookup, expression parsing and its errors,
 * categories, classifier and free-text mapping, resolution order and policy
 * verdicts. With "--classifiers" it is instead a harness for
 * tests/deps/license-classifiers.test: it reads classifiers on standard input
 * and prints "classifier<TAB>spdx-or-dash<TAB>ambiguous<TAB>valid" per line. */
#include "unit.h"

#include "rules/registry.h"

#include "deps/license.h"

#include <stdlib.h>

static void test_spdx_lookup(UnitContext *t)
{
    const SpdxId *id = spdx_license_find("mit", 3);
    CHECK(t, id != NULL);
    if (id) CHECK_STR(t, id->id, "MIT");
    id = spdx_license_find("APACHE-2.0", 10);
    CHECK(t, id && strcmp(id->id, "Apache-2.0") == 0 && !id->deprecated);
    id = spdx_license_find("gpl-2.0", 7);
    CHECK(t, id && strcmp(id->id, "GPL-2.0") == 0 && id->deprecated);
    id = spdx_license_find("GPL-2.0-or-later", 16);
    CHECK(t, id && !id->deprecated);
    id = spdx_license_find("0bsd", 4);
    CHECK(t, id && strcmp(id->id, "0BSD") == 0);
    id = spdx_license_find("zlib", 4);
    CHECK(t, id && strcmp(id->id, "Zlib") == 0);
    CHECK(t, spdx_license_find("MITX", 4) == NULL);
    CHECK(t, spdx_license_find("MIT", 2) == NULL);     /* "MI" */
    CHECK(t, spdx_license_find("", 0) == NULL);
    id = spdx_exception_find("classpath-exception-2.0", 23);
    CHECK(t, id && strcmp(id->id, "Classpath-exception-2.0") == 0);
    CHECK(t, spdx_exception_find("MIT", 3) == NULL);
    CHECK(t, spdx_license_count() > 450);
    CHECK(t, spdx_exception_count() > 30);
}

/* Parses and formats; "error@COL: message" on failure. */
static void canonical(const char *text, char *out, size_t size)
{
    Arena arena;
    arena_init(&arena);
    LicenseNode *node;
    KraitError err;
    if (license_expr_parse(&arena, text, strlen(text), &node, &err) < 0) {
        snprintf(out, size, "error@%d: %.200s", err.col, err.message);
    } else {
        StrBuf sb;
        strbuf_init(&sb);
        license_expr_format(node, &sb);
        snprintf(out, size, "%s", sb.data);
        strbuf_free(&sb);
    }
    arena_free(&arena);
}

static void test_expression_parse(UnitContext *t)
{
    static const char *cases[][2] = {
        {"mit", "MIT"},
        {"MIT OR Apache-2.0", "MIT OR Apache-2.0"},
        {"mit or apache-2.0", "MIT OR Apache-2.0"},
        {"  (MIT)  ", "MIT"},
        {"((MIT))", "MIT"},
        {"MIT AND (Apache-2.0 OR BSD-3-Clause)", "MIT AND (Apache-2.0 OR BSD-3-Clause)"},
        {"(MIT AND Apache-2.0) OR BSD-3-Clause", "MIT AND Apache-2.0 OR BSD-3-Clause"},
        {"MIT OR Apache-2.0 AND BSD-2-Clause", "MIT OR Apache-2.0 AND BSD-2-Clause"},
        {"GPL-2.0-or-later WITH Classpath-exception-2.0", "GPL-2.0-or-later WITH Classpath-exception-2.0"},
        {"gpl-2.0+ with classpath-exception-2.0", "GPL-2.0+ WITH Classpath-exception-2.0"},
        {"Apache-2.0 WITH LLVM-exception OR MIT", "Apache-2.0 WITH LLVM-exception OR MIT"},
        {"LicenseRef-Proprietary", "LicenseRef-Proprietary"},
        {"licenseref-my-thing.2", "LicenseRef-my-thing.2"},
        {"DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2", "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2"},
        {"MIT\tAND\tZlib", "MIT AND Zlib"},
    };
    char got[300];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        canonical(cases[i][0], got, sizeof got);
        if (strcmp(got, cases[i][1]) != 0) {
            char msg[400];
            snprintf(msg, sizeof msg, "'%s': got '%s', want '%s'", cases[i][0], got, cases[i][1]);
            unit_fail(t, __FILE__, __LINE__, msg);
        }
    }
}

static void test_expression_tree(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    LicenseNode *n;
    KraitError err;
    /* AND binds tighter than OR */
    const char *text = "MIT OR Apache-2.0 AND BSD-2-Clause";
    CHECK_INT(t, license_expr_parse(&arena, text, strlen(text), &n, &err), 0);
    CHECK_INT(t, n->kind, LICENSE_NODE_OR);
    CHECK_INT(t, n->left->kind, LICENSE_NODE_ID);
    CHECK_INT(t, n->right->kind, LICENSE_NODE_AND);
    text = "GPL-2.0+ WITH Classpath-exception-2.0";
    CHECK_INT(t, license_expr_parse(&arena, text, strlen(text), &n, &err), 0);
    CHECK_STR(t, n->id, "GPL-2.0");
    CHECK(t, n->or_later);
    CHECK(t, n->deprecated);
    CHECK_STR(t, n->exception, "Classpath-exception-2.0");
    CHECK(t, license_expr_has_deprecated(n));
    text = "LicenseRef-Foo OR MIT";
    CHECK_INT(t, license_expr_parse(&arena, text, strlen(text), &n, &err), 0);
    CHECK_INT(t, n->left->kind, LICENSE_NODE_REF);
    CHECK(t, !license_expr_has_deprecated(n));
    /* the length is honoured */
    CHECK_INT(t, license_expr_parse(&arena, "MIT OR garbage", 3, &n, &err), 0);
    CHECK_STR(t, n->id, "MIT");
    arena_free(&arena);
}

static void test_expression_errors(UnitContext *t)
{
    static const struct { const char *text; int col; const char *why; } cases[] = {
        {"", 1, "empty expression"},
        {"   ", 1, "empty expression"},
        {"MIT OR", 7, "expected a licence id at the end"},
        {"OR MIT", 1, "found 'OR'"},
        {"MIT AND AND Apache-2.0", 9, "found 'AND'"},
        {"(MIT", 5, "expected ')' to close '(' at column 1"},
        {"MIT)", 4, "')' without a matching '('"},
        {"()", 2, "found ')'"},
        {"FooBar", 1, "unknown SPDX licence id 'FooBar'"},
        {"MIT OR Apache", 8, "unknown SPDX licence id 'Apache'"},
        {"MIT WITH Foo-exception", 10, "unknown SPDX exception id 'Foo-exception'"},
        {"MIT WITH", 9, "expected an exception id after WITH"},
        {"MIT WITH (Classpath-exception-2.0)", 10, "expected an exception id after WITH"},
        {"MIT Apache-2.0", 5, "expected AND, OR or the end, found 'Apache-2.0'"},
        {"MI+T", 1, "'+' only ends an id"},
        {"+", 1, "unknown SPDX licence id '+'"},
        {"LicenseRef-", 1, "is not a LicenseRef-... id"},
        {"LicenseRef-x+", 13, "unexpected character"},
        {"Foo:LicenseRef-x", 1, "is not DocumentRef-...:LicenseRef-..."},
        {"MIT / Apache-2.0", 5, "unexpected character '/'"},
        {"MIT,Apache-2.0", 4, "unexpected character ','"},
        {"MIT\nOR Zlib", 4, "unexpected character 0x0a"},
    };
    Arena arena;
    arena_init(&arena);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        LicenseNode *n;
        KraitError err;
        int rc = license_expr_parse(&arena, cases[i].text, strlen(cases[i].text), &n, &err);
        if (rc != -1 || err.col != cases[i].col || !strstr(err.message, cases[i].why)) {
            char msg[400];
            snprintf(msg, sizeof msg, "'%.60s': rc %d col %d '%.200s'", cases[i].text, rc, err.col, err.message);
            unit_fail(t, __FILE__, __LINE__, msg);
        }
    }
    /* nesting is bounded */
    char deep[200];
    size_t k = 0;
    for (int i = 0; i < 70; i++) deep[k++] = '(';
    memcpy(deep + k, "MIT", 3);
    k += 3;
    for (int i = 0; i < 70; i++) deep[k++] = ')';
    LicenseNode *n;
    KraitError err;
    CHECK_INT(t, license_expr_parse(&arena, deep, k, &n, &err), -1);
    CHECK(t, strstr(err.message, "nested deeper") != NULL);
    CHECK_INT(t, license_expr_parse(&arena, deep + 6, k - 12, &n, &err), 0);   /* 64 levels are fine */
    arena_free(&arena);
}

static LicenseCategory category_of(const char *text)
{
    Arena arena;
    arena_init(&arena);
    LicenseNode *n;
    KraitError err;
    LicenseCategory cat = (LicenseCategory)-1;
    if (license_expr_parse(&arena, text, strlen(text), &n, &err) == 0) cat = license_expr_category(n);
    arena_free(&arena);
    return cat;
}

static void test_categories(UnitContext *t)
{
    static const struct { const char *text; LicenseCategory cat; } cases[] = {
        {"MIT", LICENSE_CAT_PERMISSIVE}, {"BSD-3-Clause", LICENSE_CAT_PERMISSIVE},
        {"Apache-2.0", LICENSE_CAT_PERMISSIVE}, {"PSF-2.0", LICENSE_CAT_PERMISSIVE},
        {"ISC", LICENSE_CAT_PERMISSIVE}, {"0BSD", LICENSE_CAT_PERMISSIVE}, {"Zlib", LICENSE_CAT_PERMISSIVE},
        {"CC0-1.0", LICENSE_CAT_PUBLIC_DOMAIN}, {"Unlicense", LICENSE_CAT_PUBLIC_DOMAIN},
        {"LicenseRef-Public-Domain", LICENSE_CAT_PUBLIC_DOMAIN},
        {"LGPL-2.1-only", LICENSE_CAT_WEAK_COPYLEFT}, {"LGPL-3.0-or-later", LICENSE_CAT_WEAK_COPYLEFT},
        {"MPL-2.0", LICENSE_CAT_WEAK_COPYLEFT}, {"EPL-2.0", LICENSE_CAT_WEAK_COPYLEFT},
        {"GPL-2.0-only", LICENSE_CAT_STRONG_COPYLEFT}, {"GPL-3.0-or-later", LICENSE_CAT_STRONG_COPYLEFT},
        {"GPL-2.0+", LICENSE_CAT_STRONG_COPYLEFT}, {"EUPL-1.2", LICENSE_CAT_STRONG_COPYLEFT},
        {"CC-BY-SA-4.0", LICENSE_CAT_STRONG_COPYLEFT}, {"CECILL-2.1", LICENSE_CAT_STRONG_COPYLEFT},
        {"CECILL-B", LICENSE_CAT_PERMISSIVE}, {"CECILL-C", LICENSE_CAT_WEAK_COPYLEFT},
        {"AGPL-3.0-only", LICENSE_CAT_NETWORK_COPYLEFT}, {"OSL-3.0", LICENSE_CAT_NETWORK_COPYLEFT},
        {"SSPL-1.0", LICENSE_CAT_PROPRIETARY}, {"BUSL-1.1", LICENSE_CAT_PROPRIETARY},
        {"CC-BY-NC-4.0", LICENSE_CAT_PROPRIETARY}, {"LicenseRef-Proprietary", LICENSE_CAT_PROPRIETARY},
        {"CC-BY-4.0", LICENSE_CAT_PERMISSIVE}, {"LicenseRef-Something", LICENSE_CAT_UNKNOWN},
        {"Glide", LICENSE_CAT_UNKNOWN},
        /* expressions */
        {"MIT OR GPL-3.0-only", LICENSE_CAT_PERMISSIVE},
        {"MIT AND GPL-3.0-only", LICENSE_CAT_STRONG_COPYLEFT},
        {"GPL-2.0-only WITH Classpath-exception-2.0", LICENSE_CAT_WEAK_COPYLEFT},
        {"GPL-2.0-with-classpath-exception", LICENSE_CAT_WEAK_COPYLEFT},
        {"MIT AND LicenseRef-Foo", LICENSE_CAT_UNKNOWN},
        {"MIT OR LicenseRef-Foo", LICENSE_CAT_PERMISSIVE},
        {"LicenseRef-Proprietary AND LicenseRef-Foo", LICENSE_CAT_PROPRIETARY},
        {"(MIT OR AGPL-3.0-only) AND LGPL-2.1-only", LICENSE_CAT_WEAK_COPYLEFT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        LicenseCategory got = category_of(cases[i].text);
        if (got != cases[i].cat) {
            char msg[200];
            snprintf(msg, sizeof msg, "'%s': got %s, want %s", cases[i].text, license_category_name(got),
                     license_category_name(cases[i].cat));
            unit_fail(t, __FILE__, __LINE__, msg);
        }
    }
    LicenseCategory c;
    CHECK_INT(t, license_category_parse("Weak_Copyleft", &c), 0);
    CHECK_INT(t, c, LICENSE_CAT_WEAK_COPYLEFT);
    CHECK_INT(t, license_category_parse("public domain", &c), 0);
    CHECK_INT(t, c, LICENSE_CAT_PUBLIC_DOMAIN);
    CHECK_INT(t, license_category_parse("copyleft", &c), -1);
    CHECK_INT(t, license_category_parse("permissiveX", &c), -1);
}

static void test_classifiers(UnitContext *t)
{
    static const struct { const char *classifier; const char *spdx; int ambiguous; } cases[] = {
        {"License :: OSI Approved :: MIT License", "MIT", 0},
        {"License :: OSI Approved :: BSD License", "BSD-3-Clause", 1},
        {"License :: OSI Approved :: Apache Software License", "Apache-2.0", 1},
        {"License :: OSI Approved :: Python Software Foundation License", "PSF-2.0", 0},
        {"License :: OSI Approved :: ISC License (ISCL)", "ISC", 0},
        {"License :: OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)", "MPL-2.0", 0},
        {"License :: OSI Approved :: GNU Lesser General Public License v3 (LGPLv3)", "LGPL-3.0-only", 0},
        {"License :: OSI Approved :: GNU Lesser General Public License v3 or later (LGPLv3+)", "LGPL-3.0-or-later", 0},
        {"License :: OSI Approved :: GNU General Public License v2 (GPLv2)", "GPL-2.0-only", 0},
        {"License :: OSI Approved :: GNU General Public License v2 or later (GPLv2+)", "GPL-2.0-or-later", 0},
        {"License :: OSI Approved :: GNU General Public License v3 (GPLv3)", "GPL-3.0-only", 0},
        {"License :: OSI Approved :: GNU Affero General Public License v3", "AGPL-3.0-only", 0},
        {"License :: OSI Approved :: GNU Affero General Public License v3 or later (AGPLv3+)", "AGPL-3.0-or-later", 0},
        {"License :: OSI Approved :: Eclipse Public License 2.0 (EPL-2.0)", "EPL-2.0", 0},
        {"License :: OSI Approved :: European Union Public Licence 1.2 (EUPL 1.2)", "EUPL-1.2", 0},
        {"License :: OSI Approved :: Zope Public License", "ZPL-2.1", 1},
        {"License :: OSI Approved :: Historical Permission Notice and Disclaimer (HPND)", "HPND", 0},
        {"License :: OSI Approved :: Boost Software License 1.0 (BSL-1.0)", "BSL-1.0", 0},
        {"License :: OSI Approved :: The Unlicense (Unlicense)", "Unlicense", 0},
        {"License :: CC0 1.0 Universal (CC0 1.0) Public Domain Dedication", "CC0-1.0", 0},
        {"License :: OSI Approved :: zlib/libpng License", "Zlib", 0},
        {"License :: Public Domain", "LicenseRef-Public-Domain", 0},
        {"License :: Other/Proprietary License", "LicenseRef-Proprietary", 0},
        {"License  ::  OSI Approved  ::  MIT License ", "MIT", 0},   /* spacing is not significant */
        {"License :: OSI Approved", NULL, 0},
        {"License :: Freely Distributable", NULL, 0},
        {"License :: Freeware", NULL, 0},
        {"License :: OSI Approved :: MIT Licence", NULL, 0},
        {"Programming Language :: Python :: 3", NULL, 0},
        {"License :: OSI Approved :: MIT License :: Extra", NULL, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int amb = -1;
        const char *got = license_from_classifier(cases[i].classifier, &amb);
        int same = (got == NULL && cases[i].spdx == NULL) || (got && cases[i].spdx && strcmp(got, cases[i].spdx) == 0);
        if (!same || amb != cases[i].ambiguous) {
            char msg[300];
            snprintf(msg, sizeof msg, "'%s': got %s (ambiguous %d)", cases[i].classifier, got ? got : "NULL", amb);
            unit_fail(t, __FILE__, __LINE__, msg);
        }
    }
}

static void test_free_text(UnitContext *t)
{
    static const struct { const char *text; const char *spdx; int ambiguous; } cases[] = {
        {"MIT", "MIT", 0},
        {"MIT License", "MIT", 0},
        {"  mit license.  ", "MIT", 0},
        {"The MIT License (MIT)", "MIT", 0},
        {"BSD", "BSD-3-Clause", 1},
        {"BSD-3-Clause", "BSD-3-Clause", 0},
        {"new BSD", "BSD-3-Clause", 0},
        {"Simplified BSD", "BSD-2-Clause", 0},
        {"Apache 2.0", "Apache-2.0", 0},
        {"Apache License, Version 2.0", "Apache-2.0", 0},
        {"Apache Software License", "Apache-2.0", 1},
        {"GPLv3", "GPL-3.0-only", 0},
        {"GPLv3+", "GPL-3.0-or-later", 0},
        {"GPLv2", "GPL-2.0-only", 0},
        {"LGPL", "LGPL-2.0-or-later", 1},
        {"LGPL-2.1+", "LGPL-2.1-or-later", 0},
        {"PSF", "PSF-2.0", 0},
        {"MPL 2.0", "MPL-2.0", 0},
        {"ISC License", "ISC", 0},
        {"Public Domain", "LicenseRef-Public-Domain", 0},
        {"Proprietary", "LicenseRef-Proprietary", 0},
        {"mit or apache-2.0", "MIT OR Apache-2.0", 0},
        {"GPL-2.0+", "GPL-2.0+", 0},
        /* first lines of licence texts */
        {"                                 Apache License\n                           Version 2.0, January 2004\n"
         "                        http://www.apache.org/licenses/\n",
         "Apache-2.0", 0},
        {"                    GNU GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007\n\n"
         " Copyright (C) 2007 Free Software Foundation, Inc.",
         "GPL-3.0-only", 0},
        {"GNU GENERAL PUBLIC LICENSE\nVersion 2, June 1991\n", "GPL-2.0-only", 0},
        {"                  GNU LESSER GENERAL PUBLIC LICENSE\n                       Version 2.1, February 1999\n",
         "LGPL-2.1-only", 0},
        {"GNU LESSER GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007\n\nThis version of the GNU Lesser General "
         "Public License incorporates the terms and conditions of version 3 of the GNU General Public License",
         "LGPL-3.0-only", 0},
        {"GNU AFFERO GENERAL PUBLIC LICENSE\nVersion 3, 19 November 2007\n", "AGPL-3.0-only", 0},
        {"Mozilla Public License Version 2.0\n==================================\n", "MPL-2.0", 0},
        {"Copyright (c) 2020 Jane Doe\n\nPermission is hereby granted, free of charge, to any person obtaining a "
         "copy\nof this software",
         "MIT", 0},
        {"Copyright (c) 2011, Someone\nAll rights reserved.\n\nRedistribution and use in source and binary forms, "
         "with or without\nmodification, are permitted",
         "BSD-3-Clause", 1},
        {"BSD 3-Clause License\n\nCopyright (c) 2018, X\n", "BSD-3-Clause", 0},
        {"This is free and unencumbered software released into the public domain.\n", "Unlicense", 0},
        {"PYTHON SOFTWARE FOUNDATION LICENSE VERSION 2\n--------------------------------------------\n", "PSF-2.0", 0},
        /* not recognisable */
        {"UNKNOWN", NULL, 0},
        {"", NULL, 0},
        {"See LICENSE file", NULL, 0},
        {"Some custom terms of our own", NULL, 0},
        {"GPL", "GPL-1.0-or-later", 1},
    };
    Arena arena;
    arena_init(&arena);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int amb = -1;
        const char *got = license_from_text(&arena, cases[i].text, &amb);
        int same = (got == NULL && cases[i].spdx == NULL) || (got && cases[i].spdx && strcmp(got, cases[i].spdx) == 0);
        if (!same || amb != cases[i].ambiguous) {
            char msg[300];
            snprintf(msg, sizeof msg, "'%.60s': got %s (ambiguous %d)", cases[i].text, got ? got : "NULL", amb);
            unit_fail(t, __FILE__, __LINE__, msg);
        }
    }
    arena_free(&arena);
}

static void test_resolution_order(UnitContext *t)
{
    Arena arena;
    arena_init(&arena);
    const char *classifiers[] = {
        "Programming Language :: Python :: 3",
        "License :: OSI Approved :: MIT License",
        "License :: OSI Approved :: Apache Software License",
    };
    LicenseResolution r;
    /* License-Expression wins over everything */
    LicenseMetadata m = {"bsd-2-clause", classifiers, 3, "GPLv3"};
    license_resolve(&arena, &m, &r);
    CHECK_INT(t, r.source, LICENSE_SOURCE_EXPRESSION);
    CHECK_STR(t, r.expression, "BSD-2-Clause");
    CHECK(t, !r.ambiguous);
    /* an invalid expression is recorded and the classifiers are used, joined with OR */
    m.license_expression = "MIT OR";
    license_resolve(&arena, &m, &r);
    CHECK(t, r.expression_invalid);
    CHECK_INT(t, r.expression_error.col, 7);
    CHECK_INT(t, r.source, LICENSE_SOURCE_CLASSIFIERS);
    CHECK_STR(t, r.expression, "MIT OR Apache-2.0");
    CHECK(t, r.ambiguous);
    /* the same licence twice (two spellings of one classifier) is named once */
    const char *twice[] = {"License :: OSI Approved :: MIT License", "License ::  OSI Approved :: MIT License"};
    LicenseMetadata m5 = {NULL, twice, 2, NULL};
    license_resolve(&arena, &m5, &r);
    CHECK_STR(t, r.expression, "MIT");
    /* a family classifier refined by a precise License field of the same category */
    const char *bsd[] = {"License :: OSI Approved :: BSD License"};
    LicenseMetadata m6 = {NULL, bsd, 1, "BSD-2-Clause"};
    license_resolve(&arena, &m6, &r);
    CHECK_INT(t, r.source, LICENSE_SOURCE_CLASSIFIERS);
    CHECK_STR(t, r.expression, "BSD-2-Clause");
    CHECK(t, !r.ambiguous);
    const char *lgpl[] = {"License :: OSI Approved :: GNU Library or Lesser General Public License (LGPL)"};
    LicenseMetadata m7 = {NULL, lgpl, 1, "LGPL v3"};
    license_resolve(&arena, &m7, &r);
    CHECK_STR(t, r.expression, "LGPL-3.0-only");
    /* ... but not by a text of another category, nor by a vague one */
    LicenseMetadata m8 = {NULL, bsd, 1, "GPLv3"};
    license_resolve(&arena, &m8, &r);
    CHECK_STR(t, r.expression, "BSD-3-Clause");
    CHECK(t, r.ambiguous);
    LicenseMetadata m9 = {NULL, bsd, 1, "BSD"};
    license_resolve(&arena, &m9, &r);
    CHECK_STR(t, r.expression, "BSD-3-Clause");
    CHECK(t, r.ambiguous);
    /* classifiers before the License field */
    m.license_expression = NULL;
    license_resolve(&arena, &m, &r);
    CHECK_INT(t, r.source, LICENSE_SOURCE_CLASSIFIERS);
    CHECK(t, !r.expression_invalid);
    /* a bare "OSI Approved" names nothing: fall back to the License field */
    const char *vague[] = {"License :: OSI Approved"};
    LicenseMetadata m2 = {NULL, vague, 1, "GPLv3"};
    license_resolve(&arena, &m2, &r);
    CHECK_INT(t, r.source, LICENSE_SOURCE_TEXT);
    CHECK_STR(t, r.expression, "GPL-3.0-only");
    CHECK(t, r.expr != NULL && license_expr_category(r.expr) == LICENSE_CAT_STRONG_COPYLEFT);
    /* nothing usable */
    LicenseMetadata m3 = {NULL, vague, 1, "UNKNOWN"};
    license_resolve(&arena, &m3, &r);
    CHECK_INT(t, r.source, LICENSE_SOURCE_NONE);
    CHECK(t, r.expr == NULL && r.expression == NULL);
    CHECK(t, strstr(r.note, "not a recognised licence") != NULL);
    LicenseMetadata m4 = {"  ", NULL, 0, NULL};
    license_resolve(&arena, &m4, &r);
    CHECK_INT(t, r.source, LICENSE_SOURCE_NONE);
    CHECK(t, !r.expression_invalid);
    CHECK_STR(t, r.note, "no licence metadata");
    arena_free(&arena);
}

static LicenseVerdict verdict_of(const LicensePolicy *pol, const char *package, const char *text, char *reason,
                                 size_t size)
{
    Arena arena;
    arena_init(&arena);
    LicenseNode *n = NULL;
    KraitError err;
    LicenseDecision d;
    if (text && license_expr_parse(&arena, text, strlen(text), &n, &err) < 0) {
        arena_free(&arena);
        snprintf(reason, size, "bad test expression");
        return (LicenseVerdict)-1;
    }
    license_policy_evaluate(pol, package, n, &d);
    snprintf(reason, size, "%s", d.reason);
    arena_free(&arena);
    return d.verdict;
}

static void test_policy(UnitContext *t)
{
    const char *allow[] = {"permissive", "public-domain", "GPL-2.0-or-later", "LGPL-2.1-only"};
    const char *deny[] = {"strong-copyleft", "network-copyleft", "proprietary", "LGPL-3.0-only", "MIT-0"};
    const LicensePackageException exc[] = {{"Some_Pkg", "reviewed by legal, 2026-10"}, {"other", NULL}};
    LicensePolicy pol = {allow, 4, deny, 5, exc, 2};
    static const struct { const char *package, *expr; LicenseVerdict want; const char *reason; } cases[] = {
        {"a", "MIT", LICENSE_ALLOWED, "MIT is permissive, an allowed category"},
        {"a", "CC0-1.0", LICENSE_ALLOWED, "public-domain"},
        {"a", "GPL-3.0-only", LICENSE_DENIED, "GPL-3.0-only is strong-copyleft, a denied category"},
        {"a", "AGPL-3.0-or-later", LICENSE_DENIED, "network-copyleft"},
        {"a", "LicenseRef-Proprietary", LICENSE_DENIED, "proprietary"},
        {"a", "MIT OR GPL-3.0-only", LICENSE_ALLOWED, "MIT is permissive"},
        {"a", "GPL-3.0-only OR MIT", LICENSE_ALLOWED, "MIT is permissive"},
        {"a", "MIT AND GPL-3.0-only", LICENSE_DENIED, "GPL-3.0-only"},
        {"a", "MPL-2.0", LICENSE_UNKNOWN, "MPL-2.0 (weak-copyleft) is neither allowed nor denied"},
        {"a", "MIT AND MPL-2.0", LICENSE_UNKNOWN, "MPL-2.0"},
        {"a", "GPL-3.0-only OR MPL-2.0", LICENSE_UNKNOWN, "MPL-2.0"},
        {"a", "GPL-3.0-only OR AGPL-3.0-only", LICENSE_DENIED, "GPL-3.0-only"},
        {"a", "LicenseRef-Foo", LICENSE_UNKNOWN, "LicenseRef-Foo (unknown)"},
        {"a", NULL, LICENSE_UNKNOWN, "no licence could be determined"},
        /* an id entry beats a category entry */
        {"a", "GPL-2.0-or-later", LICENSE_ALLOWED, "on the allow list"},
        {"a", "GPL-2.0+", LICENSE_ALLOWED, "on the allow list"},
        {"a", "GPL-2.0-only", LICENSE_DENIED, "strong-copyleft"},
        {"a", "MIT-0", LICENSE_DENIED, "MIT-0 is on the deny list"},
        {"a", "LGPL-2.1-only", LICENSE_ALLOWED, "on the allow list"},
        {"a", "LGPL-3.0-only", LICENSE_DENIED, "on the deny list"},
        /* an exception turns strong copyleft into weak copyleft */
        {"a", "GPL-3.0-only WITH GCC-exception-3.1", LICENSE_UNKNOWN, "weak-copyleft"},
        /* package exceptions, matched after normalisation */
        {"some-pkg", "GPL-3.0-only", LICENSE_ALLOWED, "some-pkg is excepted by the policy: reviewed by legal"},
        {"SOME.PKG", NULL, LICENSE_ALLOWED, "excepted"},
        {"Other", "AGPL-3.0-only", LICENSE_ALLOWED, "Other is excepted by the policy"},
        {"some-pkg2", "GPL-3.0-only", LICENSE_DENIED, "strong-copyleft"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char reason[256];
        LicenseVerdict got = verdict_of(&pol, cases[i].package, cases[i].expr, reason, sizeof reason);
        if (got != cases[i].want || !strstr(reason, cases[i].reason)) {
            char msg[400];
            snprintf(msg, sizeof msg, "%s '%s': %s (%s), want %s (%s)", cases[i].package,
                     cases[i].expr ? cases[i].expr : "(none)", license_verdict_name(got), reason,
                     license_verdict_name(cases[i].want), cases[i].reason);
            unit_fail(t, __FILE__, __LINE__, msg);
        }
    }
    /* "unknown" as a category on a list: unclassified ids and missing licences */
    const char *strict_deny[] = {"unknown"};
    LicensePolicy strict = {allow, 4, strict_deny, 1, NULL, 0};
    char why[256];
    CHECK_INT(t, verdict_of(&strict, "a", "LicenseRef-Foo", why, sizeof why), LICENSE_DENIED);
    CHECK(t, strstr(why, "unknown, a denied category") != NULL);
    CHECK_INT(t, verdict_of(&strict, "a", NULL, why, sizeof why), LICENSE_DENIED);
    CHECK(t, strstr(why, "unknown licences are denied") != NULL);
    CHECK_INT(t, verdict_of(&strict, "a", "MIT", why, sizeof why), LICENSE_ALLOWED);
    CHECK_INT(t, verdict_of(&strict, "a", "MPL-2.0", why, sizeof why), LICENSE_UNKNOWN);
    /* without an allow list every known licence that is not denied passes;
     * a missing licence stays unknown */
    LicensePolicy empty = {NULL, 0, NULL, 0, NULL, 0};
    char reason[256];
    CHECK_INT(t, verdict_of(&empty, "a", "MIT", reason, sizeof reason), LICENSE_ALLOWED);
    CHECK(t, strstr(reason, "not denied") != NULL);
    CHECK_INT(t, verdict_of(&empty, "a", NULL, reason, sizeof reason), LICENSE_UNKNOWN);
}

static void test_rules(UnitContext *t)
{
    /* the licence findings' rows live in the one registry */
    static const char *const names[] = {"license-denied", "license-unknown", "license-expression-invalid",
                                        "license-id-deprecated", "license-ambiguous"};
    for (size_t i = 0; i < 5; i++) {
        char id[32];
        snprintf(id, sizeof id, "DEP%03zu", 201 + i);
        const RuleInfo *r = registry_find(id);
        CHECK(t, r != NULL);
        CHECK_STR(t, r ? r->name : "", names[i]);
    }
}

/* Harness: classifier per line on stdin -> mapping, ambiguity and whether
 * the mapped text parses as an SPDX expression. */
static int run_classifier_harness(void)
{
    char line[1024];
    Arena arena;
    arena_init(&arena);
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\r\n")] = '\0';
        int amb;
        const char *spdx = license_from_classifier(line, &amb);
        LicenseNode *n;
        KraitError err;
        int valid = spdx && license_expr_parse(&arena, spdx, strlen(spdx), &n, &err) == 0;
        printf("%s\t%s\t%d\t%d\n", line, spdx ? spdx : "-", amb, valid);
    }
    arena_free(&arena);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--classifiers") == 0) return run_classifier_harness();
    static const UnitTest tests[] = {
        {"spdx_lookup", test_spdx_lookup},
        {"expression_parse", test_expression_parse},
        {"expression_tree", test_expression_tree},
        {"expression_errors", test_expression_errors},
        {"categories", test_categories},
        {"classifiers", test_classifiers},
        {"free_text", test_free_text},
        {"resolution_order", test_resolution_order},
        {"policy", test_policy},
        {"rules", test_rules},
        {NULL, NULL},
    };
    return unit_main(tests, argc, argv);
}
