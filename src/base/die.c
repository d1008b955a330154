/* die.c - see die.h. */
#include "base/die.h"

#include <stdio.h>
#include <stdlib.h>

void die_out_of_memory(void)
{
    fputs("krait: out of memory\n", stderr);
    abort();
}
