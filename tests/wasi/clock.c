/* clocks: the realtime clock to the minute (the same in two runs with
 * --seed, whose clock starts at 2026-01-01T00:00:00Z), whether the
 * monotonic clock moves forward, and the resolutions. */
#include <stdio.h>
#include <time.h>

int main(void) {
    struct timespec a, b, r;
    clock_gettime(CLOCK_REALTIME, &a);
    char when[32];
    time_t secs = a.tv_sec;
    strftime(when, sizeof when, "%Y-%m-%d %H:%M", gmtime(&secs));
    printf("realtime %s\n", when);
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (volatile int i = 0; i < 100000; i++)
        ;
    clock_gettime(CLOCK_MONOTONIC, &b);
    int forward = b.tv_sec > a.tv_sec || (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec);
    printf("monotonic %s\n", forward ? "forward" : "BACKWARD");
    clock_getres(CLOCK_MONOTONIC, &r);
    printf("resolution %s\n", r.tv_sec == 0 && r.tv_nsec > 0 && r.tv_nsec <= 1000000 ? "fine" : "coarse");
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
    printf("cputime %s\n", a.tv_sec >= 0 ? "ok" : "bad");
    return 0;
}
