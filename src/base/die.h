/* die.h - the one fatal path: out of memory in a command-line tool prints and
 * aborts (as Redis and jq do). Everything a user can cause is an error value. */
#ifndef KRAIT_DIE_H
#define KRAIT_DIE_H

_Noreturn void die_out_of_memory(void);

#endif
