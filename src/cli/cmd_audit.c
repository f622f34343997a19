/* yusuan audit FILE... [--template ID] [-f txt|json]   — read published
 * documents back and check them; yusuan extract FILE [-f json|csv] [-o PATH]. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <strings.h>
#include <unistd.h>
#include <jansson.h>
#include "cli.h"

static int ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && !strcasecmp(s + a - b, suf);
}

/* reads the document's text: a PDF through poppler, anything else as text */
static int read_doc_ocr(const char *path, char **text, size_t *len, unsigned char **ocr_out, int *np_out)
{
    yu_error err;
    yu_error_clear(&err);
    unsigned char *ocr = NULL;
    int np = 0;
    yu_status st = ends_with(path, ".pdf") ? yu_pdf_text_ex(path, NULL, text, len, &ocr, &np, &err)
                                          : yu_read_file_public(path, text, len, &err);
    if (st) {
        cli_error(&err);
        return 2;
    }
    /* scanned pages, one line: "第1、3、5-27页由OCR识别" (figures as sure as the OCR) */
    char pages[512] = "";
    size_t pl = 0;
    for (int p = 0; p < np && pl < sizeof pages - 40; p++)
        if (ocr[p] == 1) {
            int q = p;
            while (q + 1 < np && ocr[q + 1] == 1)
                q++;
            int n = q > p ? snprintf(pages + pl, sizeof pages - pl, "%s%d-%d", pl ? "、" : "", p + 1, q + 1)
                          : snprintf(pages + pl, sizeof pages - pl, "%s%d", pl ? "、" : "", p + 1);
            pl += n > 0 ? (size_t)n : 0;
            p = q;
        }
    if (pl)
        fprintf(stderr, "yusuan: %s: 第%s页由OCR识别\n", path, pages);
    if (ocr_out) {
        *ocr_out = ocr;
        *np_out = np;
    } else
        free(ocr);
    return 0;
}

static int read_doc(const char *path, char **text, size_t *len)
{
    return read_doc_ocr(path, text, len, NULL, NULL);
}

/* the layout whose template best matches the text (or the one named) */
static int pick_layout(cli_env *env, const char *want, const char *text, size_t len)
{
    if (want && strcmp(want, "auto"))
        return cli_layout(env, want);
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/layouts", env->datadir);
    DIR *dh = opendir(dir);
    if (!dh) {
        fprintf(stderr, "yusuan: %s: cannot list the layouts\n", dir);
        return 2;
    }
    char best[256] = "";
    int bests = -1;
    struct dirent *de;
    while ((de = readdir(dh))) {
        if (!ends_with(de->d_name, ".layout"))
            continue;
        char path[1300];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        yu_layout *L;
        yu_error err;
        yu_error_clear(&err);
        if (yu_layout_load(path, &L, &err))
            continue;
        int s = yu_layout_score(L, text, len);
        if (s > bests) {
            bests = s;
            snprintf(best, sizeof best, "%s", L->id);
        }
        yu_layout_free(L);
    }
    closedir(dh);
    if (!best[0]) {
        fprintf(stderr, "yusuan: no layout file in %s\n", dir);
        return 2;
    }
    return cli_layout(env, best);
}

/* A PDF's findings name the page and the line on that page, as a reader
 * of the PDF counts them (the reader numbers the lines of the whole text,
 * pages split by form feeds). */
void cli_lines_on_pages(const char *file, const char *text, size_t len, yu_findings *fs)
{
    if (!ends_with(file, ".pdf") || !fs->n)
        return;
    int cap = 64, page = 1, no = 0;
    int *first = calloc((size_t)cap + 1, sizeof *first); /* first[p]: the first line of page p */
    if (!first)
        return;
    first[1] = 1;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && text[j] != '\n')
            j++;
        no++;
        for (size_t t = i; t < j; t++)
            if (text[t] == '\f') {
                if (++page > cap) {
                    int *nf = realloc(first, ((size_t)cap * 2 + 1) * sizeof *nf);
                    if (!nf) {
                        free(first);
                        return;
                    }
                    memset(nf + cap + 1, 0, (size_t)cap * sizeof *nf);
                    first = nf;
                    cap *= 2;
                }
                first[page] = no;
            }
        i = j + 1;
    }
    /* the page is the one the line is on (a paragraph running onto the next
     * page is found on the page it starts) */
    for (size_t k = 0; k < fs->n; k++) {
        yu_finding *f = &fs->f[k];
        if (f->line < 1 || f->line > no)
            continue;
        int p = 1;
        while (p < page && first[p + 1] && first[p + 1] <= f->line)
            p++;
        f->page = p;
        f->line = f->line - first[p] + 1;
    }
    free(first);
}

/* The unit of the figures of a document read without a template: a figure
 * is a hundredth of its table's printed unit, i.e. `unit` 分 (unit: 元 per
 * printed unit).  The document states its first table's; a finding of a
 * table printed in another unit carries its own. */
static void gdoc_units_json(json_t *o, const yu_gdoc *g, const yu_findings *fs)
{
    const yu_gtable *first = NULL;
    for (size_t t = 0; t < g->ntables && !first; t++)
        if (g->tables[t].unit > 0 && g->tables[t].unit_text)
            first = &g->tables[t];
    json_object_set_new(o, "money_unit", first ? json_string(first->unit_text) : json_null());
    json_object_set_new(o, "decimals", json_integer(2));
    json_object_set_new(o, "fen_per_figure", first ? json_integer(first->unit) : json_null());
    json_t *arr = json_object_get(o, "findings");
    for (size_t i = 0; first && arr && i < fs->n; i++) {
        const yu_gtable *T = NULL;
        for (size_t t = 0; t < g->ntables && !T; t++)
            if (g->tables[t].title && !strcmp(g->tables[t].title, fs->f[i].table))
                T = &g->tables[t];
        if (T && T->unit > 0 && T->unit != first->unit) {
            json_t *x = json_array_get(arr, i);
            json_object_set_new(x, "money_unit", json_string(T->unit_text ? T->unit_text : ""));
            json_object_set_new(x, "fen_per_figure", json_integer(T->unit));
        }
    }
}

static void print_findings(const char *file, const yu_findings *fs, const yu_audit_info *info)
{
    cli_print_findings(file, fs);
    printf("%s: %d of %d tables read, %d narrative figures tied to cells, %zu errors, %zu missing values, %zu rounding residues, %zu warnings\n",
           file, info->tables_found, info->tables_expected, info->claims, yu_findings_count(fs, YU_SEV_ERROR),
           yu_findings_count(fs, YU_SEV_MISSING), yu_findings_count(fs, YU_SEV_ROUNDING), yu_findings_count(fs, YU_SEV_WARNING));
}

static json_t *findings_json(const char *file, const yu_findings *fs, const yu_audit_info *info, const yu_doc *d)
{
    json_t *o = cli_findings_json(file, fs);
    /* what the document is, and the one unit its figures are stated in: the
     * reader converts every table's figures to the document's unit (a table
     * printed in 元 in a 万元 document too), so one unit holds for all */
    json_object_set_new(o, "unit_name", d->b && d->b->name ? json_string(d->b->name) : json_null());
    json_object_set_new(o, "year", d->b && d->b->year ? json_integer(d->b->year) : json_null());
    json_object_set_new(o, "money_unit", json_string(d->unit_label ? d->unit_label : ""));
    json_object_set_new(o, "decimals", json_integer(d->decimals));
    json_object_set_new(o, "fen_per_figure", json_integer(d->L->unit_fen > 0 ? d->L->unit_fen : 1));
    json_object_set_new(o, "tables_found", json_integer(info->tables_found));
    json_object_set_new(o, "tables_expected", json_integer(info->tables_expected));
    json_object_set_new(o, "claims", json_integer(info->claims));
    json_object_set_new(o, "missing_values", json_integer((json_int_t)yu_findings_count(fs, YU_SEV_MISSING)));
    return o;
}

int cli_audit_file(cli_env *env, const char *file, const char *tmpl, yu_doc **out, yu_audit_info *info,
                   char **text_out, size_t *len_out)
{
    char *text;
    size_t len;
    int rc = read_doc(file, &text, &len);
    if (rc)
        return rc;
    yu_layout_free(env->layout);
    env->layout = NULL;
    rc = pick_layout(env, tmpl, text, len);
    if (!rc) {
        yu_error err;
        yu_error_clear(&err);
        if (yu_audit_text(text, len, file, env->layout, env->func, out, info, &err)) {
            cli_error(&err);
            rc = 2;
        } else if (!info->tables_found) {
            fprintf(stderr, "yusuan: %s: no table of the %s template found: is it a budget disclosure? (try --template)\n",
                    file, env->layout->id);
            rc = 2;
        }
        if (!rc && *out)
            (*out)->econ = env->econ; /* 经济分类 names are checked too */
    }
    if (!rc && text_out) {
        *text_out = text;
        *len_out = len;
    } else
        free(text);
    return rc;
}

/* Reads the document with the template it follows, if it follows one we
 * have a layout for (or the one named): 0 read with it, 1 no template fits
 * (audit it without one), 2 an error was printed. */
static int known_template(cli_env *env, const char *tmpl, const char *file, const char *text, size_t len, yu_doc **out,
                          yu_audit_info *info)
{
    *out = NULL;
    yu_layout_free(env->layout);
    env->layout = NULL;
    if (pick_layout(env, tmpl, text, len))
        return 2;
    yu_error err;
    yu_error_clear(&err);
    if (yu_audit_text(text, len, file, env->layout, env->func, out, info, &err)) {
        if (err.status == YU_EFORMAT && !tmpl)
            return 1; /* none of its tables: not this template */
        cli_error(&err);
        return 2;
    }
    /* recognised: most of the template's tables are there (a document of
     * another template is never told it lacks this one's tables) */
    int recognised = tmpl ? info->tables_found > 0
                          : info->tables_found >= 3 && info->tables_found * 10 >= info->tables_expected * 8 &&
                                !info->misfit;
    if (!recognised) {
        if (tmpl)
            fprintf(stderr, "yusuan: %s: no table of the %s template found\n", file, env->layout->id);
        yu_doc_free(*out);
        *out = NULL;
        return tmpl ? 2 : 1;
    }
    (*out)->econ = env->econ; /* 经济分类 names are checked too */
    return 0;
}

static const char AUDIT_USAGE[] =
    "usage: yusuan audit FILE... [-f txt|json|summary] [--template ID] [--db STORE]\n"
    "  reads published disclosures (PDF or text) back and checks them;\n"
    "  --db also checks each against last year's document of its unit kept in STORE (db import-doc)\n"
    "  Exit status: 0 clean, 1 errors found, 2 a file could not be read or is not a budget disclosure.\n";
static const char EXTRACT_USAGE[] =
    "usage: yusuan extract FILE... [-f json|csv|text] [-o PATH] [--template ID]\n"
    "  writes every table of published disclosures as data\n"
    "  Exit status: 0 written, 2 a file could not be read or a usage error.\n";

int cmd_audit(int argc, char **argv)
{
    int extract = !strcmp(argv[0], "extract");
    const char *tmpl = NULL, *fmt = extract ? "json" : "txt", *outp = NULL, *dbp = NULL;
    const char *files[256];
    int nf = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--template") && i + 1 < argc)
            tmpl = argv[++i];
        else if (!strcmp(argv[i], "-f") && i + 1 < argc)
            fmt = argv[++i];
        else if (!strcmp(argv[i], "-o") && i + 1 < argc)
            outp = argv[++i];
        else if (!strcmp(argv[i], "--db") && i + 1 < argc && !extract)
            dbp = argv[++i];
        else if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs(extract ? EXTRACT_USAGE : AUDIT_USAGE, stdout);
            return 0;
        } else if (argv[i][0] == '-') {
            fprintf(stderr, "yusuan: %s: unknown option '%s'\n%s", argv[0], argv[i], extract ? EXTRACT_USAGE : AUDIT_USAGE);
            return 2;
        } else if (nf < 256)
            files[nf++] = argv[i];
    }
    if (!nf || (extract && nf != 1)) {
        fputs(extract ? EXTRACT_USAGE : AUDIT_USAGE, stderr);
        return 2;
    }
    cli_env env;
    memset(&env, 0, sizeof env);
    int rc = cli_catalogs(&env, NULL, 0);
    if (rc)
        return rc;
    if (extract && !strcmp(fmt, "text")) {
        /* the text as yusuan reads it (from a PDF: glyph positions laid out in columns) */
        char *text;
        size_t len;
        rc = read_doc(files[0], &text, &len);
        if (!rc) {
            rc = cli_write(outp, text, len);
            free(text);
        }
        cli_env_free(&env);
        return rc;
    }
    if (extract) {
        yu_doc *d = NULL;
        yu_audit_info info;
        rc = cli_audit_file(&env, files[0], tmpl, &d, &info, NULL, NULL);
        if (!rc) {
            char *out;
            size_t len;
            yu_error err;
            yu_error_clear(&err);
            int f = yu_format_parse(fmt);
            if (f == YU_FMT_JSON && !yu_render(d, YU_FMT_JSON, &out, &len, &err)) {
                rc = cli_write(outp, out, len);
                free(out);
            } else if (f == YU_FMT_CSV) {
                for (size_t i = 0; i < d->ntables && !rc; i++) {
                    if (yu_render_csv_table(d, i, &out, &len, &err)) {
                        cli_error(&err);
                        rc = 2;
                        break;
                    }
                    char path[4096];
                    int pn = outp ? snprintf(path, sizeof path, "%s/%02zu-%s.csv", outp, i + 1, d->tables[i].lt->id) : 0;
                    if (pn < 0 || (size_t)pn >= sizeof path) {
                        /* never a shortened name (it would overwrite another table) */
                        fprintf(stderr, "yusuan: %s: file name too long (ENAMETOOLONG)\n", outp);
                        free(out);
                        rc = 2;
                        break;
                    }
                    rc = cli_write(outp ? path : NULL, out, len);
                    free(out);
                }
            } else {
                fprintf(stderr, "yusuan: extract: format '%s': expected json or csv\n", fmt);
                rc = 2;
            }
        }
        yu_doc_free(d);
        cli_env_free(&env);
        return rc;
    }
    if (strcmp(fmt, "txt") && strcmp(fmt, "json") && strcmp(fmt, "summary")) {
        fprintf(stderr, "yusuan: audit: format '%s': expected txt, json or summary\n", fmt);
        cli_env_free(&env);
        return 2;
    }
    int summary = !strcmp(fmt, "summary");
    int dw = 8; /* the document column: the widest name, by display width */
    for (int i = 0; summary && i < nf; i++)
        if (yu_utf8_width(files[i]) > dw)
            dw = yu_utf8_width(files[i]);
    if (summary)
        printf("%s%*s %-23s %7s %6s %7s %8s %8s\n", "document", dw - 8, "", "template", "tables", "errors", "missing",
               "rounding", "warnings");
    int worst = 0;
    yu_store *store = NULL;
    if (dbp) {
        yu_error serr;
        if (access(dbp, F_OK)) {
            fprintf(stderr, "yusuan: audit: %s: no such store (keep last year's documents with `yusuan db --db %s import-doc FILE`)\n", dbp, dbp);
            cli_env_free(&env);
            return 2;
        }
        if (yu_store_open_ro(dbp, &store, &serr)) {
            cli_error(&serr);
            cli_env_free(&env);
            return 2;
        }
    }
    json_t *all = !strcmp(fmt, "json") ? json_array() : NULL;
    size_t total_err = 0;
    yu_vocab *vocab = NULL;
    yu_vocab *words = NULL;
    if (cli_vocab(&env, &vocab) || cli_words(&env, &words)) {
        yu_vocab_free(vocab);
        yu_store_close(store);
        cli_env_free(&env);
        json_decref(all);
        return 2;
    }
    for (int i = 0; i < nf; i++) {
        yu_doc *d = NULL;
        yu_audit_info info;
        char *text = NULL;
        size_t len = 0;
        /* read without a template first: is it a budget at all, and is it
         * one of a template we know (then its layout refines the reading) */
        yu_gdoc *g = NULL;
        int r = cli_read_any(&env, vocab, files[i], &g, &text, &len);
        if (r) {
            worst = 2;
            if (summary)
                printf("%s%*s %-23s %7s\n", files[i], dw - yu_utf8_width(files[i]), "", "-", "unreadable");
            continue;
        }
        /* a text without column layout is read by no template: only the
         * checks that need no table apply */
        r = g->flat ? 1 : known_template(&env, tmpl, files[i], text, len, &d, &info);
        if (r == 2) {
            worst = 2;
            yu_gdoc_free(g);
            free(text);
            continue;
        }
        if (r == 1 && !g->is_budget) {
            fprintf(stderr, "yusuan: %s: 不是预算或决算公开文件：没有找到任何预算表格（收支总表、支出表等），也没有说明预算金额的情况说明，未作审核\n", files[i]);
            worst = 2;
            if (summary)
                printf("%s%*s %-23s %7s\n", files[i], dw - yu_utf8_width(files[i]), "", "-", "not a budget");
            yu_gdoc_free(g);
            free(text);
            continue;
        }
        if (r == 1) {
            /* no template fits: every check that needs none */
            yu_findings fs = {0};
            yu_any_info ai;
            if (yu_check_any(g, vocab, text, len, &fs, &ai) || yu_check_words(text, len, NULL, words, &fs) ||
                yu_check_claims(g, vocab, words, &fs)) {
                fprintf(stderr, "yusuan: out of memory\n");
                worst = 2;
            }
            cli_lines_on_pages(files[i], text, len, &fs);
            size_t ne = yu_findings_count(&fs, YU_SEV_ERROR);
            total_err += ne;
            if (ne && worst < 1)
                worst = 1;
            if (all) {
                json_t *o = cli_findings_json(files[i], &fs);
                json_object_set_new(o, "template", json_null());
                json_object_set_new(o, "unit_name", g->unit_name ? json_string(g->unit_name) : json_null());
                json_object_set_new(o, "year", g->year ? json_integer(g->year) : json_null());
                json_object_set_new(o, "kind", json_string(g->kind));
                gdoc_units_json(o, g, &fs);
                json_object_set_new(o, "tables_found", json_integer(ai.tables));
                json_object_set_new(o, "flat_text", json_boolean(g->flat));
                json_object_set_new(o, "tables_complete", json_integer(ai.complete));
                json_object_set_new(o, "identities_checked", json_integer(ai.checked));
                json_object_set_new(o, "identities_held", json_integer(ai.held));
                json_object_set_new(o, "missing_values", json_integer((json_int_t)yu_findings_count(&fs, YU_SEV_MISSING)));
                json_array_append_new(all, o);
            } else if (summary) {
                char tb[32];
                snprintf(tb, sizeof tb, "%d/%d", ai.complete, ai.tables);
                printf("%s%*s %-23s %7s %6zu %7zu %8zu %8zu\n", files[i], dw - yu_utf8_width(files[i]), "", "(none)", tb, ne,
                       yu_findings_count(&fs, YU_SEV_MISSING), yu_findings_count(&fs, YU_SEV_ROUNDING),
                       yu_findings_count(&fs, YU_SEV_WARNING));
            } else {
                cli_print_findings(files[i], &fs);
                if (g->flat)
                    printf("%s: %s%s%d年%s（文本没有表格版式——每格一行，表格无法读出，未核对表格及与表格有关的说明；请审核PDF，或用 pdftotext -layout 转出的文本）: "
                           "%d tables found, 0 read, %zu errors, %zu warnings\n",
                           files[i], g->unit_name ? g->unit_name : "", g->unit_name ? " " : "", g->year, g->kind, ai.tables, ne,
                           yu_findings_count(&fs, YU_SEV_WARNING));
                else if (!ai.tables)
                    printf("%s: %s%s%d年%s（未见表格——表格或另附，只审核了情况说明）: 0 tables read, %zu errors, %zu rounding residues, %zu warnings\n",
                           files[i], g->unit_name ? g->unit_name : "", g->unit_name ? " " : "", g->year, g->kind, ne,
                           yu_findings_count(&fs, YU_SEV_ROUNDING), yu_findings_count(&fs, YU_SEV_WARNING));
                else
                    printf("%s: %s%s%d年%s（未识别模板，按表格结构审核）: %d tables read (%d complete), %d identities checked, %d held, %zu errors, %zu missing values, %zu rounding residues, %zu warnings\n",
                           files[i], g->unit_name ? g->unit_name : "", g->unit_name ? " " : "", g->year, g->kind, ai.tables,
                           ai.complete, ai.checked, ai.held, ne, yu_findings_count(&fs, YU_SEV_MISSING),
                           yu_findings_count(&fs, YU_SEV_ROUNDING), yu_findings_count(&fs, YU_SEV_WARNING));
            }
            yu_findings_free(&fs);
            yu_gdoc_free(g);
            free(text);
            continue;
        }
        /* how completely the tables read without the template hold, for the
         * report and the benchmark (its findings are the template's) */
        int *unsure = calloc(g->ntables + 1, sizeof *unsure), gchecked = 0, gheld = 0, gcomplete = 0;
        int gtables = (int)g->ntables;
        {
            yu_findings scratch = {0};
            if (unsure && !yu_infer_check_counts(g, vocab, &scratch, &gchecked, &gheld, unsure))
                for (size_t t = 0; t < g->ntables; t++)
                    gcomplete += g->tables[t].complete && !unsure[t];
            yu_findings_free(&scratch);
        }
        free(unsure);
        yu_findings fs = {0};
        yu_status cs = yu_check_doc(d, &fs);
        if (!cs)
            cs = yu_check_text(d, text, len, &fs);
        if (!cs)
            cs = yu_check_words(text, len, NULL, words, &fs);
        if (!cs)
            cs = yu_check_claims_doc(g, d, vocab, words, &fs);
        if (!cs)
            cs = yu_gnarr_check_beside(g, vocab, &fs);
        if (!cs && store) {
            /* last year's document of the unit, kept in the store */
            yu_error yerr;
            if (yu_check_years(d, store, &fs, &yerr)) {
                cli_error(&yerr);
                worst = 2;
            }
        }
        cli_lines_on_pages(files[i], text, len, &fs);
        yu_gdoc_free(g);
        free(text);
        if (cs) {
            fprintf(stderr, "yusuan: out of memory\n");
            worst = 2;
        }
        size_t ne = yu_findings_count(&fs, YU_SEV_ERROR);
        total_err += ne;
        if (ne && worst < 1)
            worst = 1;
        if (all) {
            json_t *o = findings_json(files[i], &fs, &info, d);
            json_object_set_new(o, "template", json_string(env.layout->id));
            json_object_set_new(o, "tables_read", json_integer(gtables));
            json_object_set_new(o, "tables_complete", json_integer(gcomplete));
            json_object_set_new(o, "identities_checked", json_integer(gchecked));
            json_object_set_new(o, "identities_held", json_integer(gheld));
            json_array_append_new(all, o);
        } else if (summary) {
            char tb[32];
            snprintf(tb, sizeof tb, "%d/%d", info.tables_found, info.tables_expected);
            printf("%s%*s %-23s %7s %6zu %7zu %8zu %8zu\n", files[i], dw - yu_utf8_width(files[i]), "", env.layout->id, tb, ne,
                   yu_findings_count(&fs, YU_SEV_MISSING), yu_findings_count(&fs, YU_SEV_ROUNDING),
                   yu_findings_count(&fs, YU_SEV_WARNING));
        } else
            print_findings(files[i], &fs, &info);
        yu_findings_free(&fs);
        yu_doc_free(d);
    }
    if (all) {
        char *s = json_dumps(all, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
        json_decref(all);
        if (s) {
            puts(s);
            free(s);
        }
    } else if (nf > 1 || summary)
        printf("audit: %d documents, %zu errors\n", nf, total_err);
    yu_vocab_free(vocab);
    yu_vocab_free(words);
    yu_store_close(store);
    cli_env_free(&env);
    return worst;
}

int cli_read_doc(const char *path, char **text, size_t *len, unsigned char **ocr, int *npages)
{
    return read_doc_ocr(path, text, len, ocr, npages);
}
