/* exit status: `exit N` ends with N (after printing, so stdout must be
 * flushed by the libc's exit); `exit trap` executes an unreachable
 * instruction; `exit deep` recurses until the stack overflows. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int deep(volatile int n) {
    volatile char pad[256];
    pad[n & 255] = (char)n;
    if (n < 0) /* never: the recursion only ends by overflowing */
        return 0;
    return deep(n + 1) + pad[0];
}

int main(int argc, char **argv) {
    const char *what = argc > 1 ? argv[1] : "0";
    printf("exiting with %s\n", what);
    if (!strcmp(what, "trap")) {
        fflush(stdout);
        __builtin_trap();
    }
    if (!strcmp(what, "deep")) {
        fflush(stdout);
        return deep(0);
    }
    exit(atoi(what));
}
