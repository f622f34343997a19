/* A plain main() for the harnesses (tests/fuzz/README.md): replays every file
 * named, and every file of every directory named (dot files skipped), through
 * LLVMFuzzerTestOneInput once.  Built with the build's own compiler and flags
 * (gcc, and ASan + UBSan in build-san), so `make test` replays the seed corpora
 * and the regression inputs of tests/fuzz/regress/ without clang.  A directory
 * that does not exist is an empty one (git keeps no empty directories); at
 * least one input in all is required. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return -1;
    }
    size_t cap = 1 << 16, n = 0;
    uint8_t *buf = malloc(cap);
    size_t r;
    while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
        n += r;
        if (n == cap) {
            uint8_t *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                buf = NULL;
            } else
                buf = nb;
        }
    }
    fclose(f);
    if (!buf) {
        fprintf(stderr, "%s: out of memory\n", path);
        return -1;
    }
    /* an exact-size copy, so that ASan sees a read past the input's end */
    uint8_t *in = malloc(n ? n : 1);
    if (!in) {
        free(buf);
        return -1;
    }
    memcpy(in, buf, n);
    free(buf);
    LLVMFuzzerTestOneInput(in, n);
    free(in);
    return 0;
}

static int cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    int inputs = 0, bad = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0)
            continue; /* an empty regression directory */
        if (!S_ISDIR(st.st_mode)) {
            bad |= run_file(argv[i]) != 0;
            inputs++;
            continue;
        }
        DIR *d = opendir(argv[i]);
        if (!d) {
            perror(argv[i]);
            return 1;
        }
        char **names = NULL;
        size_t nn = 0, cap = 0;
        struct dirent *de;
        while ((de = readdir(d))) {
            if (de->d_name[0] == '.')
                continue;
            if (nn == cap) {
                char **nv = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *names);
                if (!nv)
                    return 1;
                names = nv;
            }
            size_t l = strlen(argv[i]) + strlen(de->d_name) + 2;
            if (!(names[nn] = malloc(l)))
                return 1;
            snprintf(names[nn++], l, "%s/%s", argv[i], de->d_name);
        }
        closedir(d);
        qsort(names, nn, sizeof *names, cmp);
        for (size_t k = 0; k < nn; k++) {
            if (stat(names[k], &st) == 0 && S_ISREG(st.st_mode)) {
                bad |= run_file(names[k]) != 0;
                inputs++;
            }
            free(names[k]);
        }
        free(names);
    }
    if (!inputs) {
        fprintf(stderr, "%s: no input found in", argv[0]);
        for (int i = 1; i < argc; i++)
            fprintf(stderr, " %s", argv[i]);
        fprintf(stderr, "\n");
        return 1;
    }
    printf("%s: %d inputs replayed\n", argv[0], inputs);
    return bad;
}
