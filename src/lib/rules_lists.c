/* What the narrative claims (claims_internal.h): W-LIST, the parts of
 * 人员经费 and 公用经费 a sentence lists against the 基本支出 table, and
 * W-REASON, a stated reason arguing the other direction.  The words are
 * data (data/vocab/words.vocab: list, listverb, listend, dir, reasonmark,
 * reason). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "claims_internal.h"
#include "textgrid.h"
#include "yusuan/money.h"

/* ---- W-LIST: what 人员经费 and 公用经费 consist of ---- */

static int econ5(const char *code)
{
    return strlen(code) == 5 && code[0] == '3' && yu_all_digits(code, 5);
}

static int push_erow(cc *c, etab *t, size_t *cap, const char *code, const char *name, int64_t fen)
{
    if (t->n == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        erow *nr = realloc(t->r, *cap * sizeof *nr);
        if (!nr)
            return -1;
        t->r = nr;
    }
    erow *r = &t->r[t->n];
    r->code = yu_arena_strdup(c->A, code);
    r->name = yu_canon(c->A, name);
    r->fen = fen;
    if (!r->code || !r->name)
        return -1;
    t->n++;
    return 0;
}

static int push_etab(cc *c, etab *t)
{
    if (t->n < 5) {
        free(t->r);
        return 0;
    }
    etab *ne = realloc(c->et, (c->net + 1) * sizeof *ne);
    if (!ne) {
        free(t->r);
        return -1;
    }
    c->et = ne;
    c->et[c->net++] = *t;
    return 0;
}

/* the class rows (301 …) of a table read without a template agree with
 * their 款 (30101 …): a table whose figures were placed in the wrong rows
 * is not used */
static int classes_hold(const yu_gtable *t, int k)
{
    int held = 0;
    for (size_t i = 0; i < t->nrows; i++) {
        const yu_grow *cl = &t->rows[i];
        if (strlen(cl->code) != 3 || cl->code[0] != '3' || cl->cells[k].kind != YU_GC_NUM)
            continue;
        int64_t sum = 0;
        int parts = 0;
        for (size_t j = 0; j < t->nrows; j++)
            if (econ5(t->rows[j].code) && !memcmp(t->rows[j].code, cl->code, 3)) {
                parts++;
                if (t->rows[j].cells[k].kind == YU_GC_NUM)
                    sum += t->rows[j].cells[k].v;
            }
        if (!parts)
            continue;
        int64_t diff = sum - cl->cells[k].v;
        if (diff < 0)
            diff = -diff;
        if (diff > parts)
            return 0;
        held++;
    }
    return held;
}

/* 基本支出 经济分类 tables of a document read without a template */
static int econ_tables_g(cc *c)
{
    const yu_gdoc *d = c->d;
    for (size_t ti = 0; ti < d->ntables; ti++) {
        const yu_gtable *t = &d->tables[ti];
        if (t->perf || t->twosided || t->unit <= 0 || !t->ncols)
            continue;
        int k = -1, n5 = 0;
        for (size_t i = 0; i < t->nrows; i++)
            n5 += econ5(t->rows[i].code) && t->rows[i].name && *t->rows[i].name;
        if (n5 < 5)
            continue;
        /* the amount column: the one with most figures; a row with a
         * figure elsewhere but none there was not read into its columns */
        int most = 0, clear = 1;
        for (size_t col = 0; col < t->ncols; col++) {
            int nn = 0;
            for (size_t i = 0; i < t->nrows; i++)
                nn += t->rows[i].cells[col].kind == YU_GC_NUM;
            if (nn > most)
                most = nn, k = (int)col;
        }
        for (size_t i = 0; k >= 0 && i < t->nrows; i++)
            if (t->rows[i].cells[k].kind != YU_GC_NUM)
                for (size_t col = 0; col < t->ncols; col++)
                    if (t->rows[i].cells[col].kind == YU_GC_NUM)
                        clear = 0;
        if (k < 0 || !clear || !classes_hold(t, k))
            continue;
        etab e = {NULL, 0, t->title, t->page, t->unit};
        size_t cap = 0;
        for (size_t i = 0; i < t->nrows; i++) {
            const yu_grow *r = &t->rows[i];
            if (!econ5(r->code) || !r->name || !*r->name)
                continue;
            int64_t fen = r->cells[k].kind == YU_GC_NUM ? r->cells[k].v * t->unit : 0;
            if (push_erow(c, &e, &cap, r->code, r->name, fen)) {
                free(e.r);
                return -1;
            }
        }
        if (push_etab(c, &e))
            return -1;
    }
    return 0;
}

/* the 基本支出 table of a document read or compiled with its template */
static int econ_tables_doc(cc *c, const yu_doc *doc)
{
    const yu_table *t = yu_doc_table(doc, "basic");
    if (!t || !doc->L || doc->L->unit_fen <= 0)
        return 0;
    int k = -1;
    for (size_t i = 0; i < t->lt->ncols; i++)
        if (!strcmp(t->lt->cols[i].key, "total"))
            k = (int)i;
    if (k < 0)
        return 0;
    etab e = {NULL, 0, t->title, 0, doc->L->unit_fen};
    size_t cap = 0;
    for (size_t i = 0; i < t->nrows; i++) {
        const yu_row *r = &t->rows[i];
        if (!econ5(r->code) || !r->name)
            continue;
        if (!e.page)
            e.page = r->page;
        int64_t fen = r->cells[k].kind == YU_CELL_MONEY ? r->cells[k].v * t->unit_fen : 0;
        if (push_erow(c, &e, &cap, r->code, r->name, fen)) {
            free(e.r);
            return -1;
        }
    }
    return push_etab(c, &e);
}

/* the row's class is one of the aggregate's ("301,303") */
static int in_classes(const char *classes, const char *code)
{
    for (const char *p = classes; *p;) {
        while (*p == ',' || *p == ' ')
            p++;
        if (!strncmp(p, code, 3) && (p[3] == 0 || p[3] == ',' || p[3] == ' '))
            return 1;
        while (*p && *p != ',')
            p++;
    }
    return 0;
}

/* "其他对个人和家庭的补助支出" is the row 其他对个人和家庭的补助; 因公出国(境)费
 * is 因公出国(境)费用: the same name, or one the other's beginning */
static int name_like(const char *item, const char *row)
{
    size_t a = strlen(item), b = strlen(row);
    size_t m = a < b ? a : b;
    return m >= 6 && !memcmp(item, row, m);
}

/* the row an item names: the same name, else the only row it begins or
 * that begins it; -1 none */
static int item_row(const etab *t, const char *item, const char *classes)
{
    /* two rows of one name (办公设备购置 30902 and 31002): the one of the
     * aggregate's classes with money, then of its classes, then any */
    int best = -1, bscore = -1;
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->r[i].name, item)) {
            int sc = 2 * in_classes(classes, t->r[i].code) + (t->r[i].fen != 0);
            if (sc > bscore)
                best = (int)i, bscore = sc;
        }
    if (best >= 0)
        return best;
    int hit = -1, n = 0;
    for (size_t i = 0; i < t->n; i++)
        if (name_like(item, t->r[i].name)) {
            hit = (int)i;
            n++;
        }
    return n == 1 ? hit : -1;
}

static void fmt_fen(int64_t fen, int64_t digit, char *b, size_t n)
{
    /* in 万元 with two decimals when the table prints 万元, else 元 */
    if (digit >= 100)
        yu_fmt_units(yu_round_units(fen, 10000), 2, YU_NUM_PROSE, b, n);
    else
        yu_fmt_units(fen, 2, YU_NUM_PROSE, b, n);
}

/* a list's items: [a, b) split at 、 and , ; *open when it ends in 等 */
typedef struct litem {
    char *w;
    size_t pos;
} litem;

static int split_items(cc *c, const char *s, size_t a, size_t b, litem *it, int max, int *open)
{
    int n = 0;
    *open = 0;
    size_t i = a;
    while (i < b && n < max) {
        size_t j = i;
        while (j < b && !yu_cl_starts(s + j, "、") && s[j] != ',')
            j++;
        size_t e = j;
        size_t pos, len;
        char *w = yu_arena_strndup(c->A, s + i, e - i);
        if (!w)
            return -1;
        /* 等, 等等, 等支出 at the end of the last item */
        const char *con = yu_vocab_find(c->words, "listend", w, &pos, &len);
        if (con && (j >= b || pos + len == strlen(w))) {
            w[pos] = 0;
            *open = 1;
        }
        if (*w) {
            it[n].w = w;
            it[n].pos = i;
            n++;
        }
        i = j < b ? j + (s[j] == ',' ? 1 : 3) : b;
    }
    return n;
}

static void check_list(cc *c, const cpara *p, size_t subj, size_t subj_end, const char *classes)
{
    const char *s = p->t;
    size_t n = p->n;
    /* the clause: to 。 ； or the next aggregate */
    size_t end = subj_end;
    while (end < n && !yu_cl_starts(s + end, "。") && !yu_cl_starts(s + end, "；") && s[end] != ';')
        end++;
    size_t vpos, vlen;
    char *cl = yu_arena_strndup(c->A, s + subj_end, end - subj_end);
    if (!cl) {
        c->oom = 1;
        return;
    }
    if (!yu_vocab_find(c->words, "listverb", cl, &vpos, &vlen) || vpos > 40)
        return;
    size_t a = subj_end + vpos + vlen;
    if (a < end && s[a] == ':')
        a++;
    /* the next aggregate's list ends this one (…；公用经费…) */
    size_t np, nl;
    char *rest = yu_arena_strndup(c->A, s + a, end - a);
    if (!rest) {
        c->oom = 1;
        return;
    }
    if (yu_vocab_find(c->words, "list", rest, &np, &nl))
        end = a + np;
    while (end > a && (s[end - 1] == ',' || s[end - 1] == ':'))
        end--;
    /* the stated whole, between the aggregate and the verb */
    nfig whole = {0};
    int has_whole = 0;
    size_t fi = subj_end;
    if (yu_cl_next_figure(s, subj_end + vpos, &fi, &whole) && whole.dec <= 2)
        has_whole = 1;
    int64_t whole_fen = has_whole ? whole.m * yu_cl_pow10(2 - whole.dec) * whole.unit : 0;
    int64_t whole_digit = has_whole ? yu_cl_pow10(2 - whole.dec) * whole.unit : 0;
    litem it[96];
    int open = 0;
    int ni = split_items(c, s, a, end, it, 96, &open);
    if (ni < 0) {
        c->oom = 1;
        return;
    }
    if (ni < 3)
        return;
    /* the table: the one whose classes add up to the stated whole, else
     * the only one */
    const etab *T = NULL;
    int whole_held = 0;
    int64_t tsum = 0;
    for (size_t ti = 0; ti < c->net && !T; ti++) {
        int64_t sum = 0, parts = 0;
        for (size_t i = 0; i < c->et[ti].n; i++)
            if (in_classes(classes, c->et[ti].r[i].code) && c->et[ti].r[i].fen) {
                sum += c->et[ti].r[i].fen;
                parts++;
            }
        /* each part rounded by half a printed digit, the whole by one */
        int64_t diff = sum > whole_fen ? sum - whole_fen : whole_fen - sum;
        if (has_whole && sum && diff <= whole_digit + c->et[ti].digit * (parts + 1) / 2) {
            T = &c->et[ti];
            whole_held = 1;
            tsum = sum;
        }
    }
    if (!T && c->net == 1) {
        T = &c->et[0];
        for (size_t i = 0; i < T->n; i++)
            if (in_classes(classes, T->r[i].code))
                tsum += T->r[i].fen;
    }
    if (!T || !tsum)
        return; /* no table, or one without money (a blank template) */
    /* an enumeration of 经济分类 rows: most items are rows */
    int matched = 0;
    int row_of[96];
    for (int k = 0; k < ni; k++) {
        row_of[k] = item_row(T, it[k].w, classes);
        matched += row_of[k] >= 0;
    }
    if (matched < 3 || matched * 5 < ni * 3)
        return;
    char *listed = calloc(T->n, 1);
    if (!listed) {
        c->oom = 1;
        return;
    }
    yu_buf zero, other, missing;
    yu_buf_init(&zero, 0);
    yu_buf_init(&other, 0);
    yu_buf_init(&missing, 0);
    int nz = 0, no = 0, nm = 0;
    for (int k = 0; k < ni; k++) {
        int r = row_of[k];
        if (r < 0)
            continue;
        listed[r] = 1;
        const erow *e = &T->r[r];
        if (!in_classes(classes, e->code)) {
            if (e->fen) {
                if (no < 8)
                    yu_buf_printf(&other, "%s%s（%s）", no ? "、" : "", e->name, e->code);
                no++;
            }
        } else if (!e->fen) {
            if (nz < 8)
                yu_buf_printf(&zero, "%s%s（%s）", nz ? "、" : "", e->name, e->code);
            nz++;
        }
    }
    if (!open)
        for (size_t i = 0; i < T->n; i++)
            if (!listed[i] && T->r[i].fen > 0 && in_classes(classes, T->r[i].code)) {
                /* a row listed under another name (a second row the item
                 * begins) is not missing */
                int named = 0;
                for (int k = 0; k < ni && !named; k++)
                    named = row_of[k] < 0 && name_like(it[k].w, T->r[i].name);
                if (named)
                    continue;
                char v[40];
                fmt_fen(T->r[i].fen, T->digit, v, sizeof v);
                if (nm < 8)
                    yu_buf_printf(&missing, "%s%s（%s，%s%s）", nm ? "、" : "", T->r[i].name, T->r[i].code, v,
                                  T->digit >= 100 ? "万元" : "元");
                nm++;
            }
    free(listed);
    char subjw[64];
    size_t sl = subj_end - subj < sizeof subjw - 1 ? subj_end - subj : sizeof subjw - 1;
    memcpy(subjw, s + subj, sl);
    subjw[sl] = 0;
    yu_utf8_clip(subjw);
    if (nz || no || nm) {
        char q[700];
        yu_cl_quote(s, n, subj, a, q, sizeof q);
        int line = yu_cl_para_line(p, subj);
        yu_buf msg;
        yu_buf_init(&msg, 0);
        yu_buf_printf(&msg, "第%d页“%s”所列%s的内容与《%s》（第%d页）不符：", yu_cl_page(c, line), q, subjw,
                      T->title ? T->title : "", T->page);
        char more[32];
        if (nz) {
            snprintf(more, sizeof more, "等%d项", nz);
            yu_buf_printf(&msg, "列举了表中没有数额的%s%s；", zero.p, nz > 8 ? more : "");
        }
        if (no) {
            snprintf(more, sizeof more, "等%d项", no);
            yu_buf_printf(&msg, "列举了不属于%s的%s%s；", subjw, other.p, no > 8 ? more : "");
        }
        if (nm) {
            snprintf(more, sizeof more, "等%d项", nm);
            yu_buf_printf(&msg, "未列举表中有数额的%s%s；", missing.p, nm > 8 ? more : "");
        }
        if (msg.len >= 3 && yu_cl_starts(msg.p + msg.len - 3, "；"))
            msg.len -= 3;
        yu_buf_puts(&msg, "。");
        yu_severity sev = nm && whole_held ? YU_SEV_ERROR : YU_SEV_WARNING;
        yu_cl_add(c, "W-LIST", sev, subjw, line, nz + no + nm, 0, "%s", msg.p ? msg.p : "");
        yu_buf_free(&msg);
    }
    if (has_whole && !whole_held && c->net == 1 && tsum) {
        char a1[40], b1[40];
        fmt_fen(whole_fen, 100, a1, sizeof a1);
        fmt_fen(tsum, 100, b1, sizeof b1);
        char q[600];
        yu_cl_quote(s, n, whole.pos, whole.end, q, sizeof q);
        int line = yu_cl_para_line(p, whole.pos);
        yu_cl_add(c, "W-LIST", YU_SEV_WARNING, subjw, line, whole_fen, tsum,
            "第%d页“%s”所述%s为%s万元，而《%s》（第%d页）%s所属各类（%s）合计%s万元。", yu_cl_page(c, line), q, subjw, a1,
            T->title ? T->title : "", T->page, subjw, classes, b1);
        if (c->out->n && !c->oom)
            c->out->f[c->out->n - 1].fen = 1; /* whole_fen and tsum are 分 */
    }
    yu_buf_free(&zero);
    yu_buf_free(&other);
    yu_buf_free(&missing);
}

void yu_cl_check_lists(cc *c)
{
    if (!c->words || !c->net)
        return;
    for (size_t pi = 0; pi < c->np && !c->oom; pi++) {
        const cpara *p = &c->P[pi];
        size_t at = 0;
        while (at < p->n && !c->oom) {
            size_t pos, len;
            const char *classes = yu_vocab_find(c->words, "list", p->t + at, &pos, &len);
            if (!classes)
                break;
            check_list(c, p, at + pos, at + pos + len, classes);
            at += pos + len;
        }
    }
}


/* ---- W-REASON: a reason that argues the other direction ---- */

/* how many words of KIND/CONCEPT there are in s[a, b) */
static int count_words(cc *c, const char *kind, const char *concept, const char *s, size_t a, size_t b)
{
    char *t = yu_arena_strndup(c->A, s + a, b - a);
    if (!t) {
        c->oom = 1;
        return 0;
    }
    int n = 0;
    size_t at = 0, pos, len;
    const char *con;
    while ((con = yu_vocab_find(c->words, kind, t + at, &pos, &len)) != NULL) {
        n += !strcmp(con, concept);
        at += pos + len;
    }
    return n;
}

void yu_cl_check_reasons(cc *c)
{
    for (size_t pi = 0; pi < c->np && !c->oom; pi++) {
        const cpara *p = &c->P[pi];
        const char *s = p->t;
        size_t at = 0;
        while (at < p->n && !c->oom) {
            size_t pos, len;
            char *rest = p->t + at;
            if (!yu_vocab_find(c->words, "reasonmark", rest, &pos, &len))
                break;
            size_t m = at + pos, me = m + len;
            if (me < p->n && s[me] == ':')
                me++;
            at = me;
            /* the sentence before it and the reason after it */
            size_t a = m;
            while (a > 0 && !(a >= 3 && (yu_cl_starts(s + a - 3, "。") || yu_cl_starts(s + a - 3, "；"))))
                a--;
            size_t b = me;
            while (b < p->n && !yu_cl_starts(s + b, "。") && !yu_cl_starts(s + b, "；"))
                b++;
            int up = count_words(c, "dir", "up", s, a, m), down = count_words(c, "dir", "down", s, a, m);
            int flat = count_words(c, "dir", "flat", s, a, m);
            if (!up && !down && !flat && a >= 3 && yu_cl_starts(s + a - 3, "。")) {
                /* 比上年增加731万元。规模变化的主要原因是：… — the change is
                 * the sentence before */
                size_t a2 = a - 3;
                while (a2 > 0 && !(a2 >= 3 && (yu_cl_starts(s + a2 - 3, "。") || yu_cl_starts(s + a2 - 3, "；"))))
                    a2--;
                up = count_words(c, "dir", "up", s, a2, a);
                down = count_words(c, "dir", "down", s, a2, a);
                flat = count_words(c, "dir", "flat", s, a2, a);
            }
            if (flat || (up > 0) == (down > 0))
                continue; /* no direction, or both (a template pair, 其中…) */
            if (count_words(c, "reason", "hedge", s, me, b))
                continue;
            int rup = count_words(c, "reason", "up", s, me, b), rdown = count_words(c, "reason", "down", s, me, b);
            int against = up ? rdown : rup, along = up ? rup : rdown;
            if (!against || along)
                continue;
            char q[700];
            yu_cl_quote(s, p->n, me, b, q, sizeof q);
            int line = yu_cl_para_line(p, m);
            yu_cl_add(c, "W-REASON", YU_SEV_WARNING, up ? "增加" : "减少", line, 0, 0,
                "第%d页“%s”说明%s的原因，所述原因却只讲%s，与所述变动方向相反，请核实原因或变动方向。", yu_cl_page(c, line),
                q, up ? "增加（大于）" : "减少（小于）", up ? "减少、压减一类的因素" : "增加、新增一类的因素");
        }
    }
}


int yu_cl_econ_tables(cc *c, const yu_doc *doc)
{
    if (doc && econ_tables_doc(c, doc))
        return -1;
    if (!c->net && econ_tables_g(c))
        return -1;
    return 0;
}
