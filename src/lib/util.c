/* Buffers, arenas, UTF-8, files. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include "internal.h"

/* ---------- yu_buf ---------- */

void yu_buf_init(yu_buf *b, size_t max)
{
    memset(b, 0, sizeof *b);
    b->max = max ? max : ((size_t)1 << 30);
}

void yu_buf_free(yu_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

static int buf_grow(yu_buf *b, size_t need)
{
    if (b->oom)
        return -1;
    if (need + 1 <= b->cap)
        return 0;
    if (need + 1 > b->max) {
        b->oom = 1;
        return -1;
    }
    size_t nc = b->cap ? b->cap : 64;
    while (nc < need + 1)
        nc *= 2;
    if (nc > b->max)
        nc = b->max;
    char *np = realloc(b->p, nc);
    if (!np) {
        b->oom = 1;
        return -1;
    }
    b->p = np;
    b->cap = nc;
    return 0;
}

int yu_buf_add(yu_buf *b, const void *p, size_t n)
{
    if (buf_grow(b, b->len + n))
        return -1;
    if (n)
        memcpy(b->p + b->len, p, n);
    b->len += n;
    b->p[b->len] = 0;
    return 0;
}

int yu_buf_puts(yu_buf *b, const char *s)
{
    return yu_buf_add(b, s, strlen(s));
}

int yu_buf_vprintf(yu_buf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || buf_grow(b, b->len + (size_t)n))
        return -1;
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
    return 0;
}

int yu_buf_printf(yu_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = yu_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return r;
}

int yu_buf_spaces(yu_buf *b, int n)
{
    static const char sp[] = "                                                                ";
    while (n > 0) {
        int k = n < (int)sizeof sp - 1 ? n : (int)sizeof sp - 1;
        if (yu_buf_add(b, sp, (size_t)k))
            return -1;
        n -= k;
    }
    return b->oom ? -1 : 0;
}

int yu_buf_pad_w(yu_buf *b, const char *s, int w, int width, int align)
{
    int pad = width > w ? width - w : 0;
    int left = align > 0 ? pad : align == 0 ? pad / 2 : 0;
    yu_buf_spaces(b, left);
    yu_buf_puts(b, s);
    yu_buf_spaces(b, pad - left);
    return b->oom ? -1 : 0;
}

int yu_buf_pad(yu_buf *b, const char *s, int width, int align)
{
    return yu_buf_pad_w(b, s, yu_utf8_width(s), width, align);
}

char *yu_buf_take(yu_buf *b)
{
    if (b->oom) {
        yu_buf_free(b);
        return NULL;
    }
    if (!b->p && yu_buf_add(b, "", 0))
        return NULL;
    char *p = b->p;
    b->p = NULL;
    b->len = b->cap = 0;
    return p;
}

/* ---------- arena ---------- */

struct chunk {
    struct chunk *next;
    size_t used, size;
    _Alignas(16) unsigned char data[];
};

struct yu_arena {
    struct chunk *head;
};

yu_arena *yu_arena_new(void)
{
    return calloc(1, sizeof(yu_arena));
}

void yu_arena_free(yu_arena *a)
{
    if (!a)
        return;
    struct chunk *c = a->head;
    while (c) {
        struct chunk *n = c->next;
        free(c);
        c = n;
    }
    free(a);
}

void *yu_arena_alloc(yu_arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (!n)
        n = 16;
    struct chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        size_t sz = n > 65536 ? n : 65536;
        c = malloc(sizeof(struct chunk) + sz);
        if (!c)
            return NULL;
        c->size = sz;
        c->used = 0;
        c->next = a->head;
        a->head = c;
    }
    void *p = c->data + c->used;
    c->used += n;
    memset(p, 0, n);
    return p;
}

char *yu_arena_strndup(yu_arena *a, const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *p = yu_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *yu_arena_strdup(yu_arena *a, const char *s)
{
    return s ? yu_arena_strndup(a, s, strlen(s)) : NULL;
}

char *yu_arena_printf(yu_arena *a, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *p = n >= 0 ? yu_arena_alloc(a, (size_t)n + 1) : NULL;
    if (p)
        vsnprintf(p, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    return p;
}

/* ---------- strings ---------- */

char *yu_strndup(const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *p = malloc(n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *yu_strdup(const char *s)
{
    return s ? yu_strndup(s, strlen(s)) : NULL;
}

int yu_utf8_decode(const char *s, size_t n, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (!n) {
        *cp = 0;
        return 0;
    }
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    int len;
    uint32_t c;
    if ((u[0] & 0xE0) == 0xC0) {
        len = 2;
        c = u[0] & 0x1F;
    } else if ((u[0] & 0xF0) == 0xE0) {
        len = 3;
        c = u[0] & 0x0F;
    } else if ((u[0] & 0xF8) == 0xF0) {
        len = 4;
        c = u[0] & 0x07;
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if ((size_t)len > n) {
        *cp = 0xFFFD;
        return 1;
    }
    for (int i = 1; i < len; i++) {
        if ((u[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        c = (c << 6) | (u[i] & 0x3F);
    }
    static const uint32_t minv[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (c < minv[len] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        *cp = 0xFFFD;
        return 1;
    }
    *cp = c;
    return len;
}

int yu_utf8_encode(uint32_t cp, char *out)
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

int yu_utf8_valid(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint32_t cp;
        int k = yu_utf8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && !(k == 3 && (unsigned char)s[i] == 0xEF))
            return 0;
        i += (size_t)k;
    }
    return 1;
}

static int cp_width(uint32_t c)
{
    if (c == 0)
        return 0;
    if (c < 0x20 || (c >= 0x7F && c < 0xA0))
        return 0;
    if ((c >= 0x0300 && c <= 0x036F) || c == 0x200B || (c >= 0xFE00 && c <= 0xFE0F))
        return 0;
    if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
        (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
        (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
        (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
        (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
        (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD) ||
        c == 0x2014 || c == 0x2026 || c == 0x201C || c == 0x201D ||
        c == 0x2018 || c == 0x2019)
        return 2;
    return 1;
}

int yu_utf8_width(const char *s)
{
    int w = 0;
    size_t n = strlen(s), i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) { /* ASCII (figures, codes): one column, none for a control */
            w += c >= 0x20 && c != 0x7F;
            i++;
            continue;
        }
        uint32_t cp;
        i += (size_t)yu_utf8_decode(s + i, n - i, &cp);
        w += cp_width(cp);
    }
    return w;
}

char *yu_utf8_clip(char *s)
{
    size_t n = strlen(s), i = n;
    /* back to the start of the last sequence */
    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i > 0 && (unsigned char)s[i - 1] >= 0xC0) {
        unsigned char lead = (unsigned char)s[i - 1];
        size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        if (n - (i - 1) < want)
            s[i - 1] = 0;
    }
    return s;
}

char *yu_trim(char *s)
{
    if (!s)
        return s;
    /* fast path: nothing to trim at the start, and the string is short ASCII-ended */
    unsigned char c0 = (unsigned char)s[0];
    if (c0 == 0)
        return s;
    if (c0 != ' ' && c0 != '\t' && c0 != '\r' && c0 != '\n' && c0 != 0xE3) {
        size_t n0 = strlen(s);
        unsigned char cl = (unsigned char)s[n0 - 1];
        if (cl != ' ' && cl != '\t' && cl != '\r' && cl != '\n' && cl != 0x80)
            return s;
    }
    char *p = s;
    for (;;) {
        if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            p++;
        else if ((unsigned char)p[0] == 0xE3 && (unsigned char)p[1] == 0x80 &&
                 (unsigned char)p[2] == 0x80)
            p += 3;
        else
            break;
    }
    size_t n = strlen(p);
    for (;;) {
        if (n && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r' || p[n - 1] == '\n'))
            n--;
        else if (n >= 3 && (unsigned char)p[n - 3] == 0xE3 &&
                 (unsigned char)p[n - 2] == 0x80 && (unsigned char)p[n - 1] == 0x80)
            n -= 3;
        else
            break;
    }
    memmove(s, p, n);
    s[n] = 0;
    return s;
}

const char *yu_cn_number(int n, char *out)
{
    static const char *const d[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
    out[0] = 0;
    if (n <= 0 || n > 99) {
        snprintf(out, 16, "%d", n);
        return out;
    }
    int t = n / 10, u = n % 10;
    snprintf(out, 16, "%s%s%s", t > 1 ? d[t] : "", t >= 1 ? "十" : "", u || !t ? d[u] : "");
    return out;
}

/* ---------- files ---------- */

yu_status yu_read_file(const char *path, char **data, size_t *len, yu_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return yu_error_set(err, YU_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
    yu_buf b;
    yu_buf_init(&b, (size_t)8 << 30);
    char tmp[1 << 16];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) {
        if (yu_buf_add(&b, tmp, n)) {
            fclose(f);
            yu_buf_free(&b);
            return yu_error_set(err, YU_ENOMEM, path, 0, 0, "out of memory reading file");
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        yu_buf_free(&b);
        return yu_error_set(err, YU_EIO, path, 0, 0, "read error");
    }
    *len = b.len;
    *data = yu_buf_take(&b);
    if (!*data)
        return yu_error_set(err, YU_ENOMEM, path, 0, 0, "out of memory");
    return YU_OK;
}

/* Writes to something that is not a regular file (/dev/null, a pipe, a
 * terminal) in place: renaming over it would replace the device. */
static yu_status write_in_place(const char *path, const void *data, size_t len, yu_error *err)
{
    int fd = open(path, O_WRONLY);
    if (fd < 0)
        return yu_error_set(err, YU_EIO, path, 0, 0, "cannot open: %s", strerror(errno));
    const char *p = data;
    while (len) {
        ssize_t w = write(fd, p, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            close(fd);
            return yu_error_set(err, YU_EIO, path, 0, 0, "write failed: %s", strerror(errno));
        }
        p += w;
        len -= (size_t)w;
    }
    close(fd);
    return YU_OK;
}

/* Writes all of data to fd; -1 with errno on failure.  fail (tests): fail as
 * a full disk would. */
static int write_all(int fd, const char *p, size_t left, int fail)
{
    if (fail) {
        errno = ENOSPC;
        return -1;
    }
    while (left) {
        ssize_t w = write(fd, p, left);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        left -= (size_t)w;
    }
    return 0;
}

/* Creates a new file PATH.tmp.PID.K beside path: O_EXCL (never an existing
 * file, never through a planted symbolic link), O_NOFOLLOW.  Returns the fd
 * and the malloc'd name in *tmp, or -1 with errno. */
static int create_tmp(const char *path, char **tmp)
{
    size_t n = strlen(path) + 48;
    *tmp = malloc(n);
    if (!*tmp) {
        errno = ENOMEM;
        return -1;
    }
    for (int k = 0; k < 1000; k++) {
        snprintf(*tmp, n, "%s.tmp.%ld.%d", path, (long)getpid(), k);
        int fd = open(*tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

/* fsync of the directory holding path, so a rename survives a crash */
static void sync_parent(const char *path)
{
    char *dir = yu_strdup(path);
    if (!dir)
        return;
    char *slash = strrchr(dir, '/');
    if (slash == dir)
        slash[1] = 0;
    else if (slash)
        *slash = 0;
    int fd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

/* Writes one file through a temporary beside it; the rename is left to the
 * caller when keep_tmp is given (then *keep_tmp is the temporary's name). */
static yu_status write_tmp(const char *path, const void *data, size_t len, int fail, char **keep_tmp,
                           yu_error *err)
{
    char *tmp;
    int fd = create_tmp(path, &tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        return yu_error_set(err, e == ENOMEM ? YU_ENOMEM : YU_EIO, path, 0, 0, "cannot create: %s",
                            e == ENAMETOOLONG ? "file name too long (ENAMETOOLONG)" : strerror(e));
    }
    if (write_all(fd, data, len, fail) != 0 || fsync(fd) != 0) {
        int e = errno;
        close(fd);
        unlink(tmp);
        free(tmp);
        return yu_error_set(err, YU_EIO, path, 0, 0, "write failed: %s", strerror(e));
    }
    if (close(fd) != 0) {
        int e = errno;
        unlink(tmp);
        free(tmp);
        return yu_error_set(err, YU_EIO, path, 0, 0, "write failed: %s", strerror(e));
    }
    if (keep_tmp) {
        *keep_tmp = tmp;
        return YU_OK;
    }
    if (rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        free(tmp);
        return yu_error_set(err, YU_EIO, path, 0, 0, "cannot rename into place: %s", strerror(e));
    }
    free(tmp);
    sync_parent(path);
    return YU_OK;
}

yu_status yu_write_file_atomic(const char *path, const void *data, size_t len, yu_error *err)
{
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        if (S_ISDIR(st.st_mode))
            return yu_error_set(err, YU_EIO, path, 0, 0, "is a directory: expected a file name");
        return write_in_place(path, data, len, err);
    }
    return write_tmp(path, data, len, 0, NULL, err);
}

yu_status yu_write_dir_atomic(const char *dir, const char *const *names, const char *const *data,
                              const size_t *lens, size_t n, size_t fail_at, yu_error *err)
{
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/')
        dl--;
    char *d = malloc(dl + 1);
    if (!d)
        return yu_error_set(err, YU_ENOMEM, dir, 0, 0, "out of memory");
    memcpy(d, dir, dl);
    d[dl] = 0;
    struct stat st;
    int exists = stat(d, &st) == 0;
    if (exists && !S_ISDIR(st.st_mode)) {
        free(d);
        return yu_error_set(err, YU_EIO, dir, 0, 0, "not a directory: -f csv writes one file per table into a directory");
    }
    /* a new directory beside it: every file is written there first */
    size_t tl = dl + 32;
    char *tmp = malloc(tl);
    if (!tmp) {
        free(d);
        return yu_error_set(err, YU_ENOMEM, dir, 0, 0, "out of memory");
    }
    snprintf(tmp, tl, "%s.tmp.XXXXXX", d);
    if (!mkdtemp(tmp)) {
        int e = errno;
        free(tmp);
        free(d);
        return yu_error_set(err, YU_EIO, dir, 0, 0, "cannot create the directory: %s",
                            e == ENAMETOOLONG ? "file name too long (ENAMETOOLONG)" : strerror(e));
    }
    chmod(tmp, 0755);
    yu_status rc = YU_OK;
    size_t done = 0;
    char **tmps = calloc(n ? n : 1, sizeof *tmps);
    if (!tmps)
        rc = yu_error_set(err, YU_ENOMEM, dir, 0, 0, "out of memory");
    for (size_t i = 0; !rc && i < n; i++, done++) {
        char *p = yu_path_join(tmp, names[i]);
        if (!p) {
            rc = yu_error_set(err, YU_ENOMEM, dir, 0, 0, "out of memory");
            break;
        }
        rc = write_tmp(p, data[i], lens[i], fail_at && i + 1 == fail_at, &tmps[i], err);
        if (rc) {
            /* name the file in the directory asked for */
            char *q = yu_path_join(d, names[i]);
            if (q && err)
                snprintf(err->file, sizeof err->file, "%s", q);
            free(q);
        }
        free(p);
    }
    if (!rc && !exists) {
        /* all written: the temporaries take their names, the directory its name */
        for (size_t i = 0; !rc && i < n; i++) {
            char *p = yu_path_join(tmp, names[i]);
            if (!p || rename(tmps[i], p) != 0)
                rc = yu_error_set(err, p ? YU_EIO : YU_ENOMEM, dir, 0, 0, "cannot rename into place: %s",
                                  strerror(errno));
            free(p);
        }
        if (!rc && rename(tmp, d) != 0)
            rc = yu_error_set(err, YU_EIO, dir, 0, 0, "cannot rename into place: %s", strerror(errno));
    } else if (!rc) {
        /* an existing directory: each file renamed into it (renames need no space) */
        for (size_t i = 0; !rc && i < n; i++) {
            char *p = yu_path_join(d, names[i]);
            if (!p || rename(tmps[i], p) != 0)
                rc = yu_error_set(err, p ? YU_EIO : YU_ENOMEM, p ? p : dir, 0, 0, "cannot rename into place: %s",
                                  strerror(errno));
            else {
                free(tmps[i]);
                tmps[i] = NULL;
            }
            free(p);
        }
    }
    /* clean up whatever is left of the temporary directory */
    for (size_t i = 0; tmps && i < done; i++) {
        if (tmps[i])
            unlink(tmps[i]);
        free(tmps[i]);
        char *p = yu_path_join(tmp, names[i]);
        if (p && rc)
            unlink(p);
        free(p);
    }
    free(tmps);
    if (rc || exists)
        rmdir(tmp);
    else
        sync_parent(d);
    free(tmp);
    free(d);
    return rc;
}

char *yu_path_join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (!p)
        return NULL;
    memcpy(p, dir, a);
    size_t k = a;
    if (a && dir[a - 1] != '/')
        p[k++] = '/';
    memcpy(p + k, name, b + 1);
    return p;
}

/* ---------- CSV ---------- */

void yu_csv_init(yu_csv *c, const char *data, size_t len, const char *file)
{
    memset(c, 0, sizeof *c);
    c->p = data;
    c->end = data + len;
    if (len >= 3 && (unsigned char)data[0] == 0xEF && (unsigned char)data[1] == 0xBB &&
        (unsigned char)data[2] == 0xBF)
        c->p += 3;
    c->file = file;
    c->next_line = 1;
    yu_buf_init(&c->scratch, 0);
}

void yu_csv_free(yu_csv *c)
{
    free(c->fields);
    free(c->offs);
    yu_buf_free(&c->scratch);
    memset(c, 0, sizeof *c);
}

static int csv_push(yu_csv *c)
{
    if (c->nfields == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 16;
        size_t *no = realloc(c->offs, nc * sizeof *no);
        if (!no)
            return -1;
        c->offs = no;
        char **nf = realloc(c->fields, nc * sizeof *nf);
        if (!nf)
            return -1;
        c->fields = nf;
        c->cap = nc;
    }
    c->offs[c->nfields++] = c->scratch.len;
    return 0;
}

/* A NUL byte inside a field would cut it short ("3<NUL>999.00" read as 3):
 * refused where it is.  line: the line [from, from + n) starts on. */
static int csv_nul(const yu_csv *c, const char *from, size_t n, int line, int field, yu_error *err)
{
    const char *z = memchr(from, 0, n);
    if (!z)
        return 0;
    for (const char *q = from; q < z; q++)
        line += *q == '\n';
    yu_error_set(err, YU_ESYNTAX, c->file, line, field,
                 "a NUL byte (\\0) inside field %d: expected text (is the file binary, or UTF-16?)", field);
    return -1;
}

/* Adds [p, p + n) of a quoted field, without the CR of CRLF line ends. */
static void csv_add_quoted(yu_csv *c, const char *p, size_t n)
{
    const char *e = p + n;
    while (p < e) {
        const char *cr = memchr(p, '\r', (size_t)(e - p));
        if (!cr || cr + 1 >= e || cr[1] != '\n') {
            const char *to = cr ? cr + 1 : e;
            yu_buf_add(&c->scratch, p, (size_t)(to - p));
            p = to;
            continue;
        }
        yu_buf_add(&c->scratch, p, (size_t)(cr - p));
        p = cr + 1; /* the \n is added with the next piece */
    }
}

int yu_csv_next(yu_csv *c, yu_error *err)
{
    for (;;) {
        if (c->p >= c->end)
            return 0;
        c->line = c->next_line;
        c->nfields = 0;
        c->scratch.len = 0;
        if (csv_push(c))
            return yu_error_set(err, YU_ENOMEM, c->file, c->line, 0, "out of memory"), -1;
        const char *p = c->p;
        int done = 0;
        /* fast path: a line without quotes is copied once and split in place */
        const char *nl = memchr(p, '\n', (size_t)(c->end - p));
        const char *le = nl ? nl : c->end;
        if (!memchr(p, '"', (size_t)(le - p))) {
            size_t n = (size_t)(le - p);
            if (n && p[n - 1] == '\r')
                n--;
            const char *z = memchr(p, 0, n);
            if (z) {
                int field = 1;
                for (const char *q = p; q < z; q++)
                    field += *q == ',';
                return csv_nul(c, p, n, c->line, field, err), -1;
            }
            if (yu_buf_add(&c->scratch, p, n) || yu_buf_add(&c->scratch, "", 1))
                return yu_error_set(err, YU_ENOMEM, c->file, c->line, 0, "out of memory"), -1;
            char *q = c->scratch.p, *qe = q + n;
            for (char *comma; (comma = memchr(q, ',', (size_t)(qe - q)));) {
                *comma = 0;
                q = comma + 1;
                if (csv_push(c))
                    return yu_error_set(err, YU_ENOMEM, c->file, c->line, 0, "out of memory"), -1;
                c->offs[c->nfields - 1] = (size_t)(q - c->scratch.p);
            }
            c->next_line++;
            p = nl ? nl + 1 : c->end;
            done = 1;
        }
        while (!done) {
            /* one field */
            if (p < c->end && *p == '"') {
                int fline = c->next_line;
                p++;
                for (;;) {
                    if (p >= c->end)
                        return yu_error_set(err, YU_ESYNTAX, c->file, fline, (int)c->nfields,
                                            "unterminated quoted field: expected a closing '\"'"),
                               -1;
                    if (*p == '"') {
                        if (p + 1 < c->end && p[1] == '"') {
                            yu_buf_add(&c->scratch, "\"", 1);
                            p += 2;
                            continue;
                        }
                        p++;
                        break;
                    }
                    const char *q = p;
                    int at = c->next_line;
                    while (q < c->end && *q != '"') {
                        if (*q == '\n')
                            c->next_line++;
                        q++;
                    }
                    if (csv_nul(c, p, (size_t)(q - p), at, (int)c->nfields, err))
                        return -1;
                    csv_add_quoted(c, p, (size_t)(q - p));
                    p = q;
                }
                if (p < c->end && *p != ',' && *p != '\n' && *p != '\r')
                    return yu_error_set(err, YU_ESYNTAX, c->file, c->next_line, (int)c->nfields,
                                        "unexpected text after a closing quote: expected ',' or end of line"),
                           -1;
            } else {
                const char *q = p;
                while (q < c->end && *q != ',' && *q != '\n' && *q != '\r')
                    q++;
                if (csv_nul(c, p, (size_t)(q - p), c->next_line, (int)c->nfields, err))
                    return -1;
                yu_buf_add(&c->scratch, p, (size_t)(q - p));
                p = q;
            }
            yu_buf_add(&c->scratch, "", 1); /* NUL separator kept in len */
            if (p < c->end && *p == ',') {
                p++;
                if (csv_push(c))
                    return yu_error_set(err, YU_ENOMEM, c->file, c->line, 0, "out of memory"), -1;
                continue;
            }
            if (p < c->end && *p == '\r')
                p++;
            if (p < c->end && *p == '\n')
                p++;
            c->next_line++;
            done = 1;
        }
        c->p = p;
        if (c->scratch.oom)
            return yu_error_set(err, YU_ENOMEM, c->file, c->line, 0, "out of memory"), -1;
        for (size_t i = 0; i < c->nfields; i++)
            c->fields[i] = c->scratch.p + c->offs[i];
        /* skip blank lines and comment lines */
        if (c->nfields == 1 && c->fields[0][0] == 0)
            continue;
        int blank = 1;
        for (size_t i = 0; i < c->nfields && blank; i++)
            for (const char *s = c->fields[i]; *s; s++)
                if (*s != ' ' && *s != '\t') {
                    blank = 0;
                    break;
                }
        if (blank)
            continue;
        if (c->fields[0][0] == '#')
            continue;
        return 1;
    }
}

int yu_csv_col(const yu_csv *c, const char *name)
{
    for (size_t i = 0; i < c->nfields; i++) {
        char tmp[128];
        snprintf(tmp, sizeof tmp, "%s", c->fields[i]);
        if (strcmp(yu_trim(tmp), name) == 0)
            return (int)i;
    }
    return -1;
}

yu_status yu_read_file_public(const char *path, char **data, size_t *len, yu_error *err)
{
    return yu_read_file(path, data, len, err);
}
