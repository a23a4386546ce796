/* readdir: the entries of each directory named, in the order the system
 * gives them, each with its type (d directory, f file, c character device,
 * ? other). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    int status = 0;
    for (int i = 1; i < argc; i++) {
        DIR *d = opendir(argv[i]);
        if (!d) {
            printf("ls %s: %s\n", argv[i], strerror(errno));
            status = 1;
            continue;
        }
        struct dirent *e;
        for (;;) {
            errno = 0; /* printf may set it (isatty on stdout) */
            if (!(e = readdir(d)))
                break;
            char t = e->d_type == DT_DIR ? 'd' : e->d_type == DT_REG ? 'f' : e->d_type == DT_CHR ? 'c' : '?';
            printf("%c %s\n", t, e->d_name);
        }
        if (errno) {
            printf("ls %s: %s\n", argv[i], strerror(errno));
            status = 1;
        }
        closedir(d);
    }
    return status;
}
