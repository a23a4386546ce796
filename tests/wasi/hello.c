/* The smallest program: what the benchmark starts, and the native twin. */
#include <stdio.h>

int main(void) {
    puts("hello, world");
    return 0;
}
