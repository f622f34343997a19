/* gen — writes a synthetic, valid yusuan budget package (docs/format.md) for the benchmark.
 *
 *   gen [-f FUNC_TSV] [-e ECON_TSV] [-p PROJECTS] DIR N [SEED]
 *
 * DIR receives unit.txt, funds.csv, expenditure.csv (N line items), projects.csv,
 * indicators.csv, prior.csv, sangong.csv, procurement.csv, assets.csv, notes.csv,
 * functions.txt and organisation.txt, plus two files that are not part of the format:
 *   EXPECTED  the grand total of the line items (部门支出总表 合计) in 元, two decimals
 *   GEN       "N SEED PROJECTS", written last: its presence means the package is complete
 *
 * 功能分类 项 codes (7 digits) are read from FUNC_TSV (default data/catalog/func-2024.tsv),
 * 经济分类 款 codes (5 digits) from ECON_TSV (default data/catalog/econ-dept-2024.tsv).
 * Line items are random (splitmix64 from SEED, default 1) and unique on
 * (func, type, source, econ, project, jijian): every candidate key is checked against a
 * hash set and redrawn on collision. personnel lines take 301xx/303xx codes, public
 * lines 302xx/310xx codes (so every 基本支出 line, gpb or not, has an econ code),
 * project lines any code or none. Basic lines carry a project id too once the key
 * space without one would be crowded (format.md allows a project on any line).
 * funds.csv balances exactly: each fiscal appropriation equals the sum of its lines,
 * each carry-over the sum of its *_carry lines, nonfiscal money is split between
 * shiye and other, with carry_nf = out_nf.
 * PROJECTS defaults to 1000; p1 and p2 are published (indicators weigh 90).
 */
#define _POSIX_C_SOURCE 200809L /* mkdir */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

static void die(const char *msg, const char *arg)
{
    fprintf(stderr, "gen: %s%s%s\n", msg, arg ? ": " : "", arg ? arg : "");
    exit(1);
}

/* ---- PRNG ---- */

static uint64_t rng_state;

static uint64_t rnd(void)
{
    uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static uint32_t below(uint32_t n) /* uniform enough in [0, n) */
{
    return (uint32_t)(((rnd() >> 32) * (uint64_t)n) >> 32);
}

/* ---- catalogues ---- */

typedef struct {
    uint32_t *v;
    size_t n, cap;
} u32vec;

static void push(u32vec *a, uint32_t x)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 256;
        a->v = realloc(a->v, a->cap * sizeof *a->v);
        if (!a->v)
            die("out of memory", NULL);
    }
    a->v[a->n++] = x;
}

/* the codes of exactly `digits` digits in a CODE<TAB>NAME file */
static void read_codes(const char *path, size_t digits, u32vec *out)
{
    FILE *f = fopen(path, "r");
    if (!f)
        die(strerror(errno), path);
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#')
            continue;
        size_t k = 0;
        uint32_t v = 0;
        while (line[k] >= '0' && line[k] <= '9')
            v = v * 10 + (uint32_t)(line[k++] - '0');
        if (k == digits && (line[k] == '\t' || line[k] == ' '))
            push(out, v);
    }
    fclose(f);
    if (!out->n)
        die("no codes of the expected length in", path);
}

/* ---- output ---- */

static FILE *open_out(const char *dir, const char *name, size_t bufsize)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        die(strerror(errno), path);
    if (bufsize && setvbuf(f, NULL, _IOFBF, bufsize))
        die("setvbuf failed", path);
    return f;
}

static void close_out(FILE *f, const char *name)
{
    if (ferror(f) | fclose(f))
        die("write error", name);
}

/* decimal digits of v into b (no terminator); returns the length */
static size_t put_u64(char *b, uint64_t v)
{
    char t[24];
    size_t n = 0;
    do
        t[n++] = (char)('0' + v % 10);
    while (v /= 10);
    for (size_t i = 0; i < n; i++)
        b[i] = t[n - 1 - i];
    return n;
}

/* 分 as 元 with two decimals */
static size_t put_yuan(char *b, uint64_t fen)
{
    size_t n = put_u64(b, fen / 100);
    b[n++] = '.';
    b[n++] = (char)('0' + fen / 10 % 10);
    b[n++] = (char)('0' + fen % 10);
    return n;
}

static const char *yuan(uint64_t fen, char *b)
{
    b[put_yuan(b, fen)] = 0;
    return b;
}

/* ---- line items ---- */

enum { T_PERSONNEL, T_PUBLIC, T_PROJECT, T_SHANGJIAO, T_JINGYING, T_FUSHU };
enum { S_GPB, S_GPB_CARRY, S_GF, S_GF_CARRY, S_SOE, S_SOE_CARRY, S_NONFISCAL, S_COUNT };
static const char *const type_key[] = {"personnel", "public", "project", "shangjiao", "jingying", "fushu"};
static const char *const source_key[] = {"gpb", "gpb_carry", "gf", "gf_carry", "soe", "soe_carry", "nonfiscal"};

/* type per mille: personnel 250, public 200, project 500, shangjiao 10, jingying 20, fushu 20 */
static int pick_type(void)
{
    uint32_t r = below(1000);
    return r < 250 ? T_PERSONNEL : r < 450 ? T_PUBLIC : r < 950 ? T_PROJECT : r < 960 ? T_SHANGJIAO : r < 980 ? T_JINGYING : T_FUSHU;
}

/* source per mille: gpb 600, gpb_carry 80, gf 80, gf_carry 20, soe 30, soe_carry 10, nonfiscal 180 */
static int pick_source(void)
{
    uint32_t r = below(1000);
    return r < 600 ? S_GPB : r < 680 ? S_GPB_CARRY : r < 760 ? S_GF : r < 780 ? S_GF_CARRY : r < 810 ? S_SOE : r < 820 ? S_SOE_CARRY : S_NONFISCAL;
}

/* open-addressing set of packed keys (stored + 1, 0 = empty) */
typedef struct {
    uint64_t *slot;
    size_t mask;
} keyset;

static int keyset_add(keyset *s, uint64_t key)
{
    uint64_t k = key + 1, h = k * 0x9E3779B97F4A7C15ull;
    size_t i = (size_t)(h ^ (h >> 29)) & s->mask;
    while (s->slot[i]) {
        if (s->slot[i] == k)
            return 0;
        i = (i + 1) & s->mask;
    }
    s->slot[i] = k;
    return 1;
}

static void usage(void)
{
    fprintf(stderr, "usage: gen [-f FUNC_TSV] [-e ECON_TSV] [-p PROJECTS] DIR N [SEED]\n");
    exit(2);
}

static uint64_t parse_u64(const char *s, const char *what)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (!*s || *end || errno || *s == '-')
        die("not a whole number", what);
    return v;
}

int main(int argc, char **argv)
{
    const char *func_tsv = "data/catalog/func-2024.tsv", *econ_tsv = "data/catalog/econ-dept-2024.tsv";
    uint64_t nproj = 1000;
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (i + 1 >= argc)
            usage();
        if (!strcmp(argv[i], "-f"))
            func_tsv = argv[++i];
        else if (!strcmp(argv[i], "-e"))
            econ_tsv = argv[++i];
        else if (!strcmp(argv[i], "-p"))
            nproj = parse_u64(argv[++i], "-p");
        else
            usage();
    }
    if (argc - i < 2 || argc - i > 3)
        usage();
    const char *dir = argv[i];
    uint64_t n = parse_u64(argv[i + 1], "N");
    uint64_t seed = argc - i == 3 ? parse_u64(argv[i + 2], "SEED") : 1;
    if (nproj < 2 || nproj >= (1u << 29))
        die("PROJECTS must be from 2 to 2^29-1", NULL);
    if (n > 0xFFFFFFF0u)
        die("N is too large", NULL);
    rng_state = seed;

    u32vec func = {0}, econ = {0}, econ_pers = {0}, econ_pub = {0};
    read_codes(func_tsv, 7, &func);
    read_codes(econ_tsv, 5, &econ);
    for (size_t k = 0; k < econ.n; k++) {
        uint32_t c = econ.v[k] / 100, x = econ.v[k];
        /* the “三公” lines (因公出国（境）费用, 公务接待费, 公务用车运行维护费,
         * 公务用车购置) are sangong.csv's: left out so the 基本支出 table's stay
         * within the “三公” table's (X-SANGONG-ECON) */
        if (x == 30212 || x == 30217 || x == 30231 || x == 31013)
            continue;
        if (c == 301 || c == 303)
            push(&econ_pers, econ.v[k]);
        else if (c == 302 || c == 310)
            push(&econ_pub, econ.v[k]);
    }
    if (!econ_pers.n || !econ_pub.n)
        die("the econ catalogue has no 301/303 or 302/310 codes", econ_tsv);
    {   /* keep expenditure codes only (2xxxxxx) */
        size_t w = 0;
        for (size_t k = 0; k < func.n; k++)
            if (func.v[k] >= 2000000 && func.v[k] < 3000000)
                func.v[w++] = func.v[k];
        func.n = w;
        if (!func.n)
            die("no 2xxxxxx codes in", func_tsv);
    }
    /* a basic line carries a project once the keys without one would fill a tenth of their space */
    uint64_t basic_space = (uint64_t)func.n * S_COUNT * (econ_pers.n < econ_pub.n ? econ_pers.n : econ_pub.n);
    int basic_projects = n / 2 > basic_space / 10;
    /* smallest key space of a type, as a multiple of its expected line count */
    double room = (double)func.n * S_COUNT * (double)(econ_pers.n < econ_pub.n ? econ_pers.n : econ_pub.n) *
                  (basic_projects ? (double)nproj + 1 : 1) / ((double)n * 0.25 + 1);
    double room_proj = (double)func.n * S_COUNT * (double)nproj * (double)(econ.n + 1) / ((double)n * 0.5 + 1);
    if (room < 3 || room_proj < 3)
        die("too few distinct keys for N line items: raise -p PROJECTS", NULL);

    if (mkdir(dir, 0777) && errno != EEXIST)
        die(strerror(errno), dir);
    {   /* a half-written package must not look complete */
        char path[4096];
        snprintf(path, sizeof path, "%s/GEN", dir);
        if (remove(path) && errno != ENOENT)
            die(strerror(errno), path);
    }

    /* ---- expenditure.csv ---- */
    keyset ks;
    size_t cap = 1024;
    while (cap < n * 2)
        cap *= 2;
    ks.slot = calloc(cap, sizeof *ks.slot);
    if (!ks.slot)
        die("out of memory", NULL);
    ks.mask = cap - 1;
    uint64_t by_src[S_COUNT] = {0}, grand = 0;
    FILE *f = open_out(dir, "expenditure.csv", 1 << 22);
    fputs("func,type,source,econ,project,jijian,amount\n", f);
    char line[256];
    for (uint64_t li = 0; li < n; li++) {
        uint32_t fx, ecode, pj; /* pj: project number 1..P, 0 = none */
        int ty, so, jj;
        for (unsigned tries = 0;; tries++) {
            if (tries == 1000)
                die("cannot draw a unique line item key: raise -p PROJECTS", NULL);
            fx = below((uint32_t)func.n);
            ty = pick_type();
            so = pick_source();
            jj = 0;
            ecode = 0;
            pj = 0;
            if (ty == T_PERSONNEL || ty == T_PUBLIC) {
                const u32vec *e = ty == T_PERSONNEL ? &econ_pers : &econ_pub;
                ecode = e->v[below((uint32_t)e->n)];
                if (basic_projects) {
                    uint32_t r = below((uint32_t)nproj + 1);
                    pj = r == nproj ? 0 : r + 1;
                }
            } else {
                if (ty != T_PROJECT) /* 上缴上级/经营/对附属单位补助: not fiscal money (the fiscal tables have no such column) */
                    so = S_NONFISCAL;
                pj = below((uint32_t)nproj) + 1;
                if (ty == T_PROJECT) {
                    uint32_t r = below((uint32_t)econ.n * 2); /* half the project lines name an econ code */
                    ecode = r < econ.n ? econ.v[r] : 0;
                    jj = so == S_GPB && below(10) == 0;
                }
            }
            uint64_t key = (uint64_t)fx | (uint64_t)(ecode ? ecode - 30000 : 0) << 10 | (uint64_t)ty << 27 |
                           (uint64_t)so << 30 | (uint64_t)jj << 33 | (uint64_t)pj << 34;
            if (keyset_add(&ks, key))
                break;
        }
        /* 0.01 .. 999,999.99 元: 1 to 6 integer digits, equally likely */
        static const uint64_t lim[6] = {1000, 10000, 100000, 1000000, 10000000, 100000000};
        uint64_t fen = 1 + rnd() % (lim[below(6)] - 1);
        by_src[so] += fen;
        grand += fen;
        size_t k = put_u64(line, func.v[fx]);
        line[k++] = ',';
        size_t t = strlen(type_key[ty]);
        memcpy(line + k, type_key[ty], t);
        k += t;
        line[k++] = ',';
        t = strlen(source_key[so]);
        memcpy(line + k, source_key[so], t);
        k += t;
        line[k++] = ',';
        if (ecode)
            k += put_u64(line + k, ecode);
        line[k++] = ',';
        if (pj) {
            line[k++] = 'p';
            k += put_u64(line + k, pj);
        }
        line[k++] = ',';
        if (jj)
            line[k++] = '1';
        line[k++] = ',';
        k += put_yuan(line + k, fen);
        line[k++] = '\n';
        fwrite(line, 1, k, f);
    }
    close_out(f, "expenditure.csv");
    free(ks.slot);

    /* ---- funds.csv ---- */
    char a[32];
    uint64_t nf = by_src[S_NONFISCAL], shiye = nf / 100 * 60, carry_nf = grand / 50 / 100 * 100;
    f = open_out(dir, "funds.csv", 0);
    fprintf(f, "item,amount\n");
    fprintf(f, "gpb,%s\n", yuan(by_src[S_GPB], a));
    fprintf(f, "gf,%s\n", yuan(by_src[S_GF], a));
    fprintf(f, "soe,%s\n", yuan(by_src[S_SOE], a));
    fprintf(f, "shiye,%s\n", yuan(shiye, a));
    fprintf(f, "other,%s\n", yuan(nf - shiye, a));
    fprintf(f, "carry_gpb,%s\n", yuan(by_src[S_GPB_CARRY], a));
    fprintf(f, "carry_gf,%s\n", yuan(by_src[S_GF_CARRY], a));
    fprintf(f, "carry_soe,%s\n", yuan(by_src[S_SOE_CARRY], a));
    fprintf(f, "carry_nf,%s\n", yuan(carry_nf, a));
    fprintf(f, "out_nf,%s\n", yuan(carry_nf, a));
    close_out(f, "funds.csv");

    /* ---- EXPECTED ---- */
    f = open_out(dir, "EXPECTED", 0);
    fprintf(f, "%s\n", yuan(grand, a));
    close_out(f, "EXPECTED");

    /* ---- unit.txt ---- */
    f = open_out(dir, "unit.txt", 0);
    fprintf(f, "# synthetic package written by bench/gen (%llu line items, seed %llu)\n"
               "name = 基准测试单位\n"
               "code = 999001\n"
               "department = 基准测试部\n"
               "department_code = 999\n"
               "year = 2024\n"
               "amount_unit = 元\n"
               "template = central-budget\n",
            (unsigned long long)n, (unsigned long long)seed);
    close_out(f, "unit.txt");

    /* ---- projects.csv ---- */
    f = open_out(dir, "projects.csv", 1 << 20);
    fputs("id,name,department,implementer,publish,exec_score,goal\n", f);
    for (uint64_t p = 1; p <= nproj; p++) {
        if (p <= 2)
            fprintf(f, "p%llu,基准测试项目%llu,[999]基准测试部,基准测试单位,1,10,\"完成基准测试项目%llu的年度任务。\n"
                       "按时保质完成各项产出，服务对象满意。\"\n",
                    (unsigned long long)p, (unsigned long long)p, (unsigned long long)p);
        else
            fprintf(f, "p%llu,基准测试项目%llu,[999]基准测试部,基准测试单位,0,10,\n", (unsigned long long)p,
                    (unsigned long long)p);
    }
    close_out(f, "projects.csv");

    /* ---- indicators.csv: 30 + 30 + 20 + 10 = 90 per published project ---- */
    f = open_out(dir, "indicators.csv", 0);
    fputs("project,level1,level2,level3,value,weight\n", f);
    for (int p = 1; p <= 2; p++) {
        fprintf(f, "p%d,产出指标,数量指标,完成任务数量,>=%d项,30\n", p, 10 * p);
        fprintf(f, "p%d,产出指标,质量指标,成果通过验收,通过验收,30\n", p);
        fprintf(f, "p%d,效益指标,社会效益指标,服务保障能力,有效提升,20\n", p);
        fprintf(f, "p%d,满意度指标,服务对象满意度指标,服务对象满意度,>=90%%,10\n", p);
    }
    close_out(f, "indicators.csv");

    /* ---- prior.csv: every fifth 项 ---- */
    f = open_out(dir, "prior.csv", 0);
    fputs("func,executed,executed_ex\n", f);
    for (size_t k = 0; k < func.n; k += 5) {
        uint64_t ex = 1 + rnd() % (n / func.n * 10000000 + 100000000);
        uint64_t exx = ex - ex / 10 * below(2);
        char b2[32];
        fprintf(f, "%lu,%s,%s\n", (unsigned long)func.v[k], yuan(ex, a), yuan(exx, b2));
    }
    close_out(f, "prior.csv");

    /* ---- the small files ---- */
    f = open_out(dir, "sangong.csv", 0);
    fputs("item,amount,prior\n"
          "abroad,120000.00,150000.00\n"
          "car_buy,0,300000.00\n"
          "car_run,85000.00,90000.00\n"
          "reception,15000.00,20000.00\n"
          "office,2600000.00,2500000.00\n",
          f);
    close_out(f, "sangong.csv");
    f = open_out(dir, "procurement.csv", 0);
    fputs("item,amount\ngoods,850600.00\nworks,1200000.00\nservices,7494000.00\n", f);
    close_out(f, "procurement.csv");
    f = open_out(dir, "assets.csv", 0);
    fputs("category,name,count\nvehicle,机要通信用车,1\nvehicle,其他用车,4\nequipment,单位价值100万元以上设备,3\n", f);
    close_out(f, "assets.csv");
    f = open_out(dir, "notes.csv", 0);
    fputs("key,text\ngpb_change,基准测试数据随机生成。\nbasic,基本支出用于保障机构正常运转。\n", f);
    close_out(f, "notes.csv");
    f = open_out(dir, "functions.txt", 0);
    fputs("承担基准测试工作。\n\n承担性能评估的其他事项。\n", f);
    close_out(f, "functions.txt");
    f = open_out(dir, "organisation.txt", 0);
    fputs("下设综合处、财务处等3个部门。\n", f);
    close_out(f, "organisation.txt");

    f = open_out(dir, "GEN", 0);
    fprintf(f, "%llu %llu %llu\n", (unsigned long long)n, (unsigned long long)seed, (unsigned long long)nproj);
    close_out(f, "GEN");
    printf("%s: %llu line items, %llu projects, total %s 元\n", dir, (unsigned long long)n,
           (unsigned long long)nproj, yuan(grand, a));
    return 0;
}
