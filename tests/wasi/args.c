/* args and environ: each argument on a line, then the environment
 * (or only the variables named after a `--`). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv) {
    int names = 0;
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            names = i + 1;
            break;
        }
        printf("argv[%d]=%s\n", i, argv[i]);
    }
    if (names) {
        for (int i = names; i < argc; i++) {
            const char *v = getenv(argv[i]);
            printf("%s=%s\n", argv[i], v ? v : "(unset)");
        }
    } else {
        for (char **e = environ; *e; e++)
            printf("env %s\n", *e);
    }
    return 0;
}
