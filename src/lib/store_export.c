/* The store's export: a budget written back as a package (docs/format.md), every file in the
 * package's unit (split from store.c; yu_store_export there loads the budget and calls it). */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <errno.h>
#include <unistd.h>
#include <sys/stat.h>
#include "yusuan/store.h"
#include "internal.h"
#include "year_internal.h"

static void put_amount(yu_buf *o, yu_money v, int64_t scale)
{
    int64_t cent = scale / 100; /* 分 per 0.01 input unit */
    int64_t u = v / cent;
    yu_buf_printf(o, "%s%lld.%02lld", u < 0 ? "-" : "", (long long)(u < 0 ? -u : u) / 100,
                  (long long)(u < 0 ? -u : u) % 100);
}

static void put_field(yu_buf *o, const char *s)
{
    if (!s)
        s = "";
    int q = 0;
    for (const char *p = s; *p && !q; p++)
        q = *p == ',' || *p == '"' || *p == '\n' || *p == '\r';
    if (!q) {
        yu_buf_puts(o, s);
        return;
    }
    yu_buf_add(o, "\"", 1);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            yu_buf_add(o, "\"", 1);
        yu_buf_add(o, p, 1);
    }
    yu_buf_add(o, "\"", 1);
}

static int representable(const yu_budget *b, int64_t scale)
{
    int64_t c = scale / 100;
    for (int f = 0; f < YU_F_COUNT; f++)
        if (b->funds[f] % c)
            return 0;
    for (size_t i = 0; i < b->nlines; i++)
        if (b->lines[i].amount % c)
            return 0;
    for (size_t i = 0; i < b->nprior; i++)
        if (b->prior[i].executed % c || b->prior[i].executed_ex % c)
            return 0;
    for (int k = 0; k < YU_SG_COUNT; k++)
        if (b->sangong[k] % c || b->sangong_prior[k] % c)
            return 0;
    for (int k = 0; k < YU_P_COUNT; k++)
        if (b->procurement[k] % c)
            return 0;
    return 1;
}

static yu_status flush_file(const char *dir, const char *name, yu_buf *o, yu_error *err)
{
    char *path = yu_path_join(dir, name);
    if (!path || o->oom) {
        free(path);
        yu_buf_free(o);
        return yu_error_set(err, YU_ENOMEM, dir, 0, 0, "out of memory");
    }
    yu_status st = yu_write_file_atomic(path, o->p ? o->p : "", o->len, err);
    free(path);
    yu_buf_free(o);
    return st;
}

static void drop_file(const char *dir, const char *name)
{
    char *path = yu_path_join(dir, name);
    if (path)
        unlink(path);
    free(path);
}

yu_status yu_write_package(const yu_budget *b, const char *dir, yu_error *err)
{
    yu_error_clear(err);
    if (mkdir(dir, 0755) != 0 && errno != EEXIST)
        return yu_error_set(err, YU_EIO, dir, 0, 0, "cannot create the directory: %s", strerror(errno));
    int64_t scale = b->input_scale == YU_FEN_PER_WAN || b->input_scale == YU_FEN_PER_YUAN ? b->input_scale
                                                                                          : YU_FEN_PER_YUAN;
    if (!representable(b, scale))
        scale = YU_FEN_PER_YUAN;
    yu_buf o;
    yu_status st;
    /* unit.txt */
    yu_buf_init(&o, 0);
    yu_buf_printf(&o, "name = %s\ncode = %s\ndepartment = %s\ndepartment_code = %s\nyear = %d\namount_unit = %s\n",
                  b->name ? b->name : "", b->code ? b->code : "", b->dept_name ? b->dept_name : "",
                  b->dept_code ? b->dept_code : "", b->year, scale == YU_FEN_PER_WAN ? "万元" : "元");
    if (b->template_id)
        yu_buf_printf(&o, "template = %s\n", b->template_id);
    if (b->parent_code)
        yu_buf_printf(&o, "parent = %s\n", b->parent_code);
    if ((st = flush_file(dir, "unit.txt", &o, err)))
        return st;
    const char *texts[2] = {b->functions, b->organisation};
    const char *tnames[2] = {"functions.txt", "organisation.txt"};
    for (int t = 0; t < 2; t++) {
        if (!texts[t]) {
            drop_file(dir, tnames[t]);
            continue;
        }
        yu_buf_init(&o, 0);
        yu_buf_puts(&o, texts[t]);
        if (*texts[t])
            yu_buf_puts(&o, "\n");
        if ((st = flush_file(dir, tnames[t], &o, err)))
            return st;
    }
    /* funds.csv */
    yu_buf_init(&o, 0);
    yu_buf_puts(&o, b->has_funds_prior ? "item,amount,prior\n" : "item,amount\n");
    for (int f = 0; f < YU_F_COUNT; f++)
        if (b->funds[f] || (b->has_funds_prior && b->funds_prior[f])) {
            yu_buf_printf(&o, "%s,", yu_fund_key(f));
            put_amount(&o, b->funds[f], scale);
            if (b->has_funds_prior) {
                yu_buf_puts(&o, ",");
                put_amount(&o, b->funds_prior[f], scale);
            }
            yu_buf_puts(&o, "\n");
        }
    if ((st = flush_file(dir, "funds.csv", &o, err)))
        return st;
    /* expenditure.csv */
    yu_buf_init(&o, (size_t)16 << 30);
    yu_buf_puts(&o, "func,type,source,econ,project,jijian,amount\n");
    for (size_t i = 0; i < b->nlines; i++) {
        const yu_line *l = &b->lines[i];
        yu_buf_printf(&o, "%07u,%s,%s,", l->func, yu_type_key(l->type), yu_source_key(l->source));
        if (l->econ)
            yu_buf_printf(&o, "%05u", l->econ);
        yu_buf_puts(&o, ",");
        if (l->project >= 0 && (size_t)l->project < b->nprojects)
            put_field(&o, b->projects[l->project].id);
        yu_buf_puts(&o, l->jijian ? ",1," : ",,");
        put_amount(&o, l->amount, scale);
        yu_buf_puts(&o, "\n");
    }
    if ((st = flush_file(dir, "expenditure.csv", &o, err)))
        return st;
    /* prior.csv */
    if (b->nprior) {
        yu_buf_init(&o, 0);
        yu_buf_puts(&o, "func,executed,executed_ex\n");
        for (size_t i = 0; i < b->nprior; i++) {
            yu_buf_printf(&o, "%07u,", b->prior[i].func);
            put_amount(&o, b->prior[i].executed, scale);
            yu_buf_puts(&o, ",");
            put_amount(&o, b->prior[i].executed_ex, scale);
            yu_buf_puts(&o, "\n");
        }
        if ((st = flush_file(dir, "prior.csv", &o, err)))
            return st;
    } else
        drop_file(dir, "prior.csv");
    /* sangong.csv */
    int any = b->has_sangong_prior;
    for (int k = 0; k < YU_SG_COUNT; k++)
        any |= b->sangong[k] != 0;
    if (any) {
        yu_buf_init(&o, 0);
        yu_buf_puts(&o, "item,amount,prior\n");
        for (int k = 0; k < YU_SG_COUNT; k++) {
            yu_buf_printf(&o, "%s,", yu_sangong_key(k));
            put_amount(&o, b->sangong[k], scale);
            yu_buf_puts(&o, ",");
            if (b->has_sangong_prior)
                put_amount(&o, b->sangong_prior[k], scale);
            yu_buf_puts(&o, "\n");
        }
        if ((st = flush_file(dir, "sangong.csv", &o, err)))
            return st;
    } else
        drop_file(dir, "sangong.csv");
    /* procurement.csv */
    any = 0;
    for (int k = 0; k < YU_P_COUNT; k++)
        any |= b->procurement[k] != 0;
    if (any) {
        yu_buf_init(&o, 0);
        yu_buf_puts(&o, "item,amount\n");
        for (int k = 0; k < YU_P_COUNT; k++)
            if (b->procurement[k]) {
                yu_buf_printf(&o, "%s,", yu_proc_key(k));
                put_amount(&o, b->procurement[k], scale);
                yu_buf_puts(&o, "\n");
            }
        if (b->has_proc_sme) { /* the 中小企业 reservation and its 小微企业 part */
            yu_buf_puts(&o, "sme,");
            put_amount(&o, b->proc_sme, scale);
            yu_buf_puts(&o, "\nsme_small,");
            put_amount(&o, b->proc_sme_small, scale);
            yu_buf_puts(&o, "\n");
        }
        if ((st = flush_file(dir, "procurement.csv", &o, err)))
            return st;
    } else
        drop_file(dir, "procurement.csv");
    /* assets.csv */
    if (b->nassets) {
        yu_buf_init(&o, 0);
        /* a `purchase` column, even empty, asks for the purchase sentence: only when the budget has one */
        yu_buf_printf(&o, "category,name,count%s%s\n", b->has_purchases ? ",purchase" : "",
                      b->assets_date ? ",as_of" : "");
        for (size_t i = 0; i < b->nassets; i++) {
            put_field(&o, b->assets[i].category);
            yu_buf_puts(&o, ",");
            put_field(&o, b->assets[i].name);
            yu_buf_printf(&o, ",%lld", (long long)b->assets[i].count);
            if (b->has_purchases)
                yu_buf_printf(&o, ",%lld", (long long)b->assets[i].purchase);
            if (b->assets_date)
                yu_buf_printf(&o, ",%04d-%02d-%02d", b->assets_date / 10000, b->assets_date / 100 % 100,
                              b->assets_date % 100);
            yu_buf_puts(&o, "\n");
        }
        if ((st = flush_file(dir, "assets.csv", &o, err)))
            return st;
    } else
        drop_file(dir, "assets.csv");
    /* units.csv: the units by name (a budget stored before schema v11 kept only the number of each kind) */
    if (b->has_units) {
        yu_buf_init(&o, 0);
        yu_buf_puts(&o, "name,kind\n");
        char nm[64];
        const char *name;
        int kind;
        for (size_t i = 0; yu_budget_member(b, i, &name, &kind, nm, sizeof nm); i++) {
            put_field(&o, name);
            yu_buf_printf(&o, ",%s\n", yu_unitkind_label(kind));
        }
        if ((st = flush_file(dir, "units.csv", &o, err)))
            return st;
    } else
        drop_file(dir, "units.csv");
    /* perf.csv: the summary as declared (one counted from the projects is counted again on loading) */
    if (b->has_perf && !b->perf_computed) {
        yu_buf_init(&o, 0);
        yu_buf_printf(&o, "units,projects,amount\n%lld,%lld,", (long long)b->perf_units, (long long)b->perf_projects);
        put_amount(&o, b->perf_funds, scale);
        yu_buf_puts(&o, "\n");
        if ((st = flush_file(dir, "perf.csv", &o, err)))
            return st;
    } else
        drop_file(dir, "perf.csv");
    /* projects.csv */
    if (b->nprojects) {
        yu_buf_init(&o, 0);
        /* the performance form's columns when some project has them */
        int form = 0;
        for (size_t i = 0; i < b->nprojects && !form; i++) {
            yu_project *p = &b->projects[i];
            form = p->has_life;
            for (int k = 0; k < YU_PROJECT_FORM_NTEXTS && !form; k++)
                form = *yu_project_form_text(p, k) && **yu_project_form_text(p, k);
        }
        yu_buf_puts(&o, "id,name,department,implementer,publish,exec_score,goal,overview,basis,subject,plan,period,schedule");
        yu_buf_puts(&o, form ? ",nature,category,start,finish,life_goal,life_total,life_fiscal,life_other\n" : "\n");
        for (size_t i = 0; i < b->nprojects; i++) {
            const yu_project *p = &b->projects[i];
            put_field(&o, p->id);
            yu_buf_puts(&o, ",");
            put_field(&o, p->name);
            yu_buf_puts(&o, ",");
            put_field(&o, p->department);
            yu_buf_puts(&o, ",");
            put_field(&o, p->implementer);
            yu_buf_printf(&o, ",%d,%d,", p->publish ? 1 : 0, p->exec_score);
            put_field(&o, p->goal);
            for (int k = 0; k < 6; k++) {
                yu_buf_puts(&o, ",");
                put_field(&o, p->text[k] ? p->text[k] : "");
            }
            for (int k = 0; form && k < YU_PROJECT_FORM_NTEXTS; k++) {
                const char *t = *yu_project_form_text((yu_project *)p, k);
                yu_buf_puts(&o, ",");
                put_field(&o, t ? t : "");
            }
            for (int k = 0; form && k < 3; k++) {
                yu_buf_puts(&o, ",");
                if (p->has_life)
                    put_amount(&o, k == 0 ? p->life_total : k == 1 ? p->life_fiscal : p->life_other, scale);
            }
            yu_buf_puts(&o, "\n");
        }
        if ((st = flush_file(dir, "projects.csv", &o, err)))
            return st;
    } else
        drop_file(dir, "projects.csv");
    /* indicators.csv */
    if (b->nindicators) {
        yu_buf_init(&o, 0);
        yu_buf_puts(&o, "project,level1,level2,level3,value,weight\n");
        for (size_t i = 0; i < b->nindicators; i++) {
            const yu_indicator *x = &b->indicators[i];
            put_field(&o, x->project >= 0 && (size_t)x->project < b->nprojects ? b->projects[x->project].id : "");
            yu_buf_puts(&o, ",");
            put_field(&o, x->level1);
            yu_buf_puts(&o, ",");
            put_field(&o, x->level2);
            yu_buf_puts(&o, ",");
            put_field(&o, x->level3);
            yu_buf_puts(&o, ",");
            put_field(&o, x->value);
            yu_buf_printf(&o, ",%lld.%02lld\n", (long long)x->weight / 100, (long long)x->weight % 100);
        }
        if ((st = flush_file(dir, "indicators.csv", &o, err)))
            return st;
    } else
        drop_file(dir, "indicators.csv");
    /* notes.csv */
    if (b->nnotes) {
        yu_buf_init(&o, 0);
        yu_buf_puts(&o, "key,text\n");
        for (size_t i = 0; i < b->nnotes; i++) {
            put_field(&o, b->notes[i].key);
            yu_buf_puts(&o, ",");
            put_field(&o, b->notes[i].text);
            yu_buf_puts(&o, "\n");
        }
        if ((st = flush_file(dir, "notes.csv", &o, err)))
            return st;
    } else
        drop_file(dir, "notes.csv");
    return yy_write_year_files(b, dir, scale, err); /* the rest of the year (store_year.c) */
}
