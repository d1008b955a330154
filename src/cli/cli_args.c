/* cli_args.c - see cli_args.h. */
#include "cli/cli_args.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

bool cli_opt_is(const char *arg, const char *name)
{
    size_t n = strlen(name);
    return strncmp(arg, name, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}

int cli_take_value(const char *command, int argc, char **argv, int *i, const char **out)
{
    const char *eq = strchr(argv[*i], '=');
    if (strncmp(argv[*i], "--", 2) == 0 && eq) {
        *out = eq + 1;
        return 0;
    }
    if (*i + 1 >= argc) {
        fprintf(stderr, "krait %s: %s needs a value\n", command, argv[*i]);
        return -1;
    }
    *out = argv[++*i];
    return 0;
}

void cli_print_warning(const KraitError *warning, void *ctx)
{
    (void)ctx;
    fputs("krait: warning: ", stderr);
    error_print(stderr, warning);
}

void cli_today(char *out, size_t size)
{
    const char *fixed = getenv("KRAIT_TODAY");
    if (fixed && strlen(fixed) == 10) {
        snprintf(out, size, "%s", fixed);
        return;
    }
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, size, "%Y-%m-%d", &tm);
}
