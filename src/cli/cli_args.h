/* cli_args.h - what every subcommand's argument parsing and reporting
 * shares: "--opt value" and "--opt=value" options, warnings on standard
 * error, and today's date (UTC, or $KRAIT_TODAY so tests can pin it). */
#ifndef KRAIT_CLI_ARGS_H
#define KRAIT_CLI_ARGS_H

#include "base/error.h"

#include <stdbool.h>
#include <stddef.h>

/* Whether arg is the option name, alone or as "name=value". */
bool cli_opt_is(const char *arg, const char *name);
/* The option's value: after '=' in "--name=value", else the next argument
 * (advancing *i). -1 with a message on stderr naming the command when the
 * value is missing. */
int cli_take_value(const char *command, int argc, char **argv, int *i, const char **out);
/* "krait: warning: FILE:LINE:COL: message" on stderr; fits the warning
 * callbacks of the walk, the audit and the scan. */
void cli_print_warning(const KraitError *warning, void *ctx);
/* "YYYY-MM-DD" into out (at least 11 bytes). */
void cli_today(char *out, size_t size);

#endif
