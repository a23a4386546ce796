/* A memory bomb: allocate and touch 1 MiB blocks until malloc fails, then
 * say how far it got and exit 3. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where the blocks go, so the compiler cannot drop the allocations. */
static char *volatile last;

int main(void) {
    size_t mib = 0;
    for (;;) {
        char *p = malloc(1 << 20);
        if (!p) {
            printf("malloc failed after %zu MiB\n", mib);
            return 3;
        }
        memset(p, 1, 1 << 20);
        last = p;
        mib += last[mib % (1 << 20)];
    }
}
