/* CPU-bound: an FNV-1a-style checksum over MB megabytes (default 100) of
 * generated data, as the benchmark runs it here and on the host. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    long mb = argc > 1 ? atol(argv[1]) : 100;
    static uint8_t buf[1 << 20];
    uint64_t seed = 88172645463325252ULL;
    for (size_t i = 0; i < sizeof buf; i++) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        buf[i] = (uint8_t)seed;
    }
    uint64_t h = 14695981039346656037ULL;
    for (long m = 0; m < mb; m++) {
        for (size_t i = 0; i < sizeof buf; i++) {
            h ^= buf[i] + (uint64_t)m;
            h *= 1099511628211ULL;
        }
    }
    printf("%016llx\n", (unsigned long long)h);
    return 0;
}
