/* A CPU spin that never calls the system: for the limits (kill, timeout,
 * cpu). With an argument N it stops after N iterations and prints a sum. */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    unsigned long long n = argc > 1 ? strtoull(argv[1], 0, 10) : 0, x = 1;
    printf("spinning\n");
    fflush(stdout);
    for (unsigned long long i = 0; n == 0 || i < n; i++)
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    printf("done %llu\n", x & 0xff);
    return 0;
}
