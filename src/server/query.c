/* yusuan serve: reads of the store as JSON — lists, the aggregate, facts,
 * members, comparisons (docs/api.md). */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sqlite3.h>
#include <xlsxwriter.h>
#include "query.h"

const char *q_yuan(int64_t fen, char *buf, size_t n)
{
    uint64_t a = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
    snprintf(buf, n, "%s%llu.%02llu", fen < 0 ? "-" : "", (unsigned long long)(a / 100), (unsigned long long)(a % 100));
    return buf;
}

static json_t *col_json(sqlite3_stmt *st, int i)
{
    switch (sqlite3_column_type(st, i)) {
    case SQLITE_INTEGER: return json_integer(sqlite3_column_int64(st, i));
    case SQLITE_NULL: return json_null();
    default: return json_string((const char *)sqlite3_column_text(st, i));
    }
}

static sqlite3_stmt *prep(yu_store *s, const char *sql, const char *const *args, size_t nargs)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(yu_store_sqlite(s), sql, -1, &st, NULL) != SQLITE_OK) {
        fprintf(stderr, "yusuan serve: query: %s\n", sqlite3_errmsg(yu_store_sqlite(s)));
        return NULL;
    }
    for (size_t i = 0; i < nargs; i++)
        if (args[i])
            sqlite3_bind_text(st, (int)i + 1, args[i], -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(st, (int)i + 1);
    return st;
}

json_t *q_rows(yu_store *s, const char *sql, const char *const *args, size_t nargs)
{
    sqlite3_stmt *st = prep(s, sql, args, nargs);
    if (!st)
        return NULL;
    json_t *arr = json_array();
    int nc = sqlite3_column_count(st), r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        json_t *o = json_object();
        for (int i = 0; i < nc; i++)
            json_object_set_new(o, sqlite3_column_name(st, i), col_json(st, i));
        json_array_append_new(arr, o);
    }
    sqlite3_finalize(st);
    if (r != SQLITE_DONE) {
        json_decref(arr);
        return NULL;
    }
    return arr;
}

json_t *q_row(yu_store *s, const char *sql, const char *const *args, size_t nargs)
{
    json_t *rows = q_rows(s, sql, args, nargs);
    json_t *r = json_incref(json_array_get(rows, 0));
    json_decref(rows);
    return r;
}

static void csv_field(yu_buf *b, const char *v)
{
    if (!strpbrk(v, ",\"\r\n")) {
        yu_buf_puts(b, v);
        return;
    }
    yu_buf_puts(b, "\"");
    for (; *v; v++)
        yu_buf_add(b, *v == '"' ? "\"\"" : v, *v == '"' ? 2 : 1);
    yu_buf_puts(b, "\"");
}

void q_csv(yu_buf *b, json_t *rows)
{
    json_t *first = json_array_get(rows, 0);
    const char *k;
    json_t *v;
    int c = 0;
    json_object_foreach(first, k, v) {
        yu_buf_puts(b, c++ ? "," : "");
        csv_field(b, k);
    }
    yu_buf_puts(b, "\r\n");
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row) {
        c = 0;
        json_object_foreach(first, k, v) {
            json_t *x = json_object_get(row, k);
            char num[32];
            yu_buf_puts(b, c++ ? "," : "");
            if (json_is_string(x))
                csv_field(b, json_string_value(x));
            else if (json_is_integer(x)) {
                snprintf(num, sizeof num, "%lld", (long long)json_integer_value(x));
                yu_buf_puts(b, num);
            }
        }
        yu_buf_puts(b, "\r\n");
    }
}

int q_xlsx(yu_buf *b, json_t *rows, const char *sheet, char *msg, size_t n)
{
    char tmpl[] = "/tmp/yusuan-serve-XXXXXX";
    int fd = mkstemp(tmpl);
    if (fd < 0) {
        snprintf(msg, n, "cannot create a temporary file");
        return -1;
    }
    close(fd);
    char path[64];
    snprintf(path, sizeof path, "%s.xlsx", tmpl);
    unlink(tmpl);
    lxw_workbook *wb = workbook_new(path);
    lxw_worksheet *ws = wb ? workbook_add_worksheet(wb, sheet) : NULL;
    if (!ws) {
        snprintf(msg, n, "cannot write the workbook");
        return -1;
    }
    lxw_format *bold = workbook_add_format(wb);
    format_set_bold(bold);
    json_t *first = json_array_get(rows, 0);
    const char *k;
    json_t *v;
    lxw_col_t c = 0;
    json_object_foreach(first, k, v) worksheet_write_string(ws, 0, c++, k, bold);
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row) {
        c = 0;
        json_object_foreach(first, k, v) {
            json_t *x = json_object_get(row, k);
            if (json_is_string(x))
                worksheet_write_string(ws, (lxw_row_t)(i + 1), c, json_string_value(x), NULL);
            else if (json_is_integer(x)) /* counts, pages, figures in display units: exact below 2^53 */
                worksheet_write_number(ws, (lxw_row_t)(i + 1), c, (double)json_integer_value(x), NULL);
            c++;
        }
    }
    worksheet_freeze_panes(ws, 1, 0);
    int rc = workbook_close(wb) == LXW_NO_ERROR ? 0 : -1;
    char *data = NULL;
    size_t len = 0;
    if (!rc && yu_read_file_public(path, &data, &len, NULL))
        rc = -1;
    unlink(path);
    if (rc)
        snprintf(msg, n, "cannot write the workbook");
    else
        yu_buf_add(b, data, len);
    free(data);
    return rc;
}

json_t *q_documents(yu_store *s, const char *rule, const char *unit, const char *year, const char *tmpl)
{
    const char *a[4] = {rule, unit, year, tmpl};
    return q_rows(s,
                  "SELECT d.id, d.origin, d.unit_name AS unit, d.year, d.template, d.tables_found, d.tables_expected,"
                  " (SELECT count(*) FROM doc_findings f WHERE f.document_id = d.id AND f.severity = 'error') AS error,"
                  " (SELECT count(*) FROM doc_findings f WHERE f.document_id = d.id AND f.severity = 'rounding') AS rounding,"
                  " (SELECT count(*) FROM doc_findings f WHERE f.document_id = d.id AND f.severity = 'missing') AS missing,"
                  " (SELECT count(*) FROM doc_findings f WHERE f.document_id = d.id AND f.severity = 'warning') AS warning,"
                  " (SELECT count(*) FROM doc_findings f JOIN flow_decisions x ON x.origin = d.origin AND x.rule = f.rule"
                  "  AND x.place = " YU_FLOW_DECISION_PLACE " WHERE f.document_id = d.id AND x.decision = 'confirmed') AS confirmed,"
                  " (SELECT count(*) FROM doc_findings f JOIN flow_decisions x ON x.origin = d.origin AND x.rule = f.rule"
                  "  AND x.place = " YU_FLOW_DECISION_PLACE " WHERE f.document_id = d.id AND x.decision = 'dismissed') AS dismissed"
                  " FROM documents d WHERE (?1 IS NULL OR EXISTS (SELECT 1 FROM doc_findings f WHERE f.document_id = d.id"
                  " AND f.rule = ?1)) AND (?2 IS NULL OR instr(d.unit_name, ?2) > 0) AND (?3 IS NULL OR d.year = ?3)"
                  " AND (?4 IS NULL OR d.template = ?4) ORDER BY d.year, d.origin",
                  a, 4);
}

json_t *q_findings(yu_store *s, const char *doc, const char *rule, const char *severity)
{
    const char *a[3] = {doc, rule, severity};
    json_t *rows = q_rows(s,
                  "SELECT f.document_id AS document, d.origin, f.seq, f.rule, f.severity, f.table_id AS \"table\", f.row,"
                  " f.col AS column, nullif(f.page, 0) AS page, nullif(f.line, 0) AS line, f.got, f.want,"
                  " f.fen AS fen_per_figure, NULL AS money_unit,"
                  " f.message,"
                  " (SELECT coalesce(c.text, c.value) FROM doc_cells c WHERE c.document_id = f.document_id"
                  "  AND c.table_id = f.table_id AND c.col = f.col AND (c.code = f.row OR c.row_key = f.row) LIMIT 1) AS cell,"
                  " x.decision, x.reason, x.decided_at, u.name AS decided_by"
                  " FROM doc_findings f JOIN documents d ON d.id = f.document_id"
                  " LEFT JOIN flow_decisions x ON x.origin = d.origin AND x.rule = f.rule AND x.place = " YU_FLOW_DECISION_PLACE
                  " LEFT JOIN flow_users u ON u.id = x.user_id"
                  " WHERE (?1 IS NULL OR f.document_id = ?1) AND (?2 IS NULL OR f.rule = ?2) AND (?3 IS NULL OR f.severity = ?3)"
                  " ORDER BY f.document_id, f.seq",
                  a, 3);
    /* the unit a digit of fen_per_figure 分 is printed in, as audit -f json names it (yu_money_unit) */
    size_t i;
    json_t *r;
    json_array_foreach(rows, i, r) {
        json_t *fen = json_object_get(r, "fen_per_figure");
        const char *u = json_is_integer(fen) ? yu_money_unit((int64_t)json_integer_value(fen)) : NULL;
        if (u)
            json_object_set_new(r, "money_unit", json_string(u));
    }
    return rows;
}

json_t *q_submissions(yu_store *s, int64_t user_id)
{
    char id[32];
    snprintf(id, sizeof id, "%lld", (long long)user_id);
    const char *a[1] = {id};
    /* approved ones, and those of units the user holds a role above or on */
    return q_rows(s,
                  "SELECT f.id, f.unit_code AS unit, un.name AS unit_name, f.year, f.state, f.version, f.filename, f.errors,"
                  " f.warnings, f.comment, f.updated_at FROM flow_submissions f LEFT JOIN units un ON un.code = f.unit_code"
                  " WHERE f.state = 'approved' OR EXISTS (WITH RECURSIVE anc(code, depth) AS (SELECT f.unit_code, 0"
                  " UNION SELECT u.parent_code, anc.depth + 1 FROM units u JOIN anc ON u.code = anc.code"
                  " WHERE u.parent_code IS NOT NULL AND anc.depth < 64)"
                  " SELECT 1 FROM flow_grants g JOIN anc ON g.unit_code = anc.code WHERE g.user_id = ?1)"
                  " ORDER BY f.year DESC, f.unit_code",
                  a, 1);
}

/* ------------------------------------------------------ the aggregate */

enum { D_FUNC, D_FUNC_CLASS, D_FUNC_KUAN, D_ECON, D_ECON_CLASS, D_TYPE, D_SOURCE, D_YEAR, D_UNIT, D_KIND, D_COUNT };
static const char *const dim_names[D_COUNT] = {"func", "func.class", "func.kuan", "econ", "econ.class",
                                               "type", "source", "year", "unit", "kind"};
static const char *const dim_sql[D_COUNT] = {"l.func", "l.func / 10000", "l.func / 100", "l.econ", "l.econ / 100",
                                             "l.type", "l.source", "b.year", "u.code", "b.kind"};

static int dim_parse(const char *s, size_t n)
{
    for (int i = 0; i < D_COUNT; i++)
        if (strlen(dim_names[i]) == n && !strncmp(dim_names[i], s, n))
            return i;
    return -1;
}

static int digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

int q_agg_parse(q_agg *a, const char *drilldown, const char *cut, const char *order, char *msg, size_t n)
{
    a->order_dim = -1;
    a->order_desc = 1;
    for (const char *p = drilldown; p && *p;) {
        const char *e = strchr(p, '|');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        int d = dim_parse(p, l);
        if (d < 0 || a->ndims >= Q_MAX_DIMS) {
            snprintf(msg, n, "drilldown“%.*s”：应为 func、func.class、func.kuan、econ、econ.class、type、source、year、unit 或 kind"
                             "（至多%d个，以 | 分隔）", (int)l, p, Q_MAX_DIMS);
            return -1;
        }
        a->dims[a->ndims++] = d;
        p += l + (e ? 1 : 0);
    }
    for (const char *p = cut; p && *p;) {
        const char *e = strchr(p, '|');
        size_t l = e ? (size_t)(e - p) : strlen(p);
        const char *colon = memchr(p, ':', l);
        int d = colon ? dim_parse(p, (size_t)(colon - p)) : -1;
        size_t vl = colon ? l - (size_t)(colon - p) - 1 : 0;
        if (d < 0 || d == D_FUNC_CLASS || d == D_FUNC_KUAN || d == D_ECON_CLASS || !vl || vl >= 64 ||
            a->ncuts >= Q_MAX_CUTS) {
            snprintf(msg, n, "cut“%.*s”：应为 维度:值，如 year:2024、type:basic、func:211、unit:144、kind:budget，以 | 分隔",
                     (int)l, p);
            return -1;
        }
        memcpy(a->cut_val[a->ncuts], colon + 1, vl);
        a->cut_val[a->ncuts][vl] = '\0';
        const char *v = a->cut_val[a->ncuts];
        if (((d == D_YEAR || d == D_FUNC || d == D_ECON) && !digits(v)) ||
            (d == D_KIND && strcmp(v, "budget") && strcmp(v, "final"))) {
            snprintf(msg, n, "cut“%.*s”：%s 的值应为%s", (int)l, p, dim_names[d],
                     d == D_KIND ? " budget 或 final" : "数字（功能、经济分类可为代码前缀）");
            return -1;
        }
        a->cut_dim[a->ncuts++] = d;
        p += l + (e ? 1 : 0);
    }
    if (order && *order) {
        const char *colon = strchr(order, ':');
        size_t l = colon ? (size_t)(colon - order) : strlen(order);
        const char *dir = colon ? colon + 1 : "desc";
        int d = l == 6 && !strncmp(order, "amount", 6) ? -1 : dim_parse(order, l);
        if ((d < 0 && !(l == 6 && !strncmp(order, "amount", 6))) || (strcmp(dir, "asc") && strcmp(dir, "desc"))) {
            snprintf(msg, n, "order“%s”：应为 amount:desc、amount:asc 或 维度:asc|desc", order);
            return -1;
        }
        a->order_dim = d;
        a->order_desc = !strcmp(dir, "desc");
    }
    return 0;
}

/* FROM … WHERE … of the cuts, with their parameters */
static void where_sql(const q_agg *a, yu_buf *b, const char **args, size_t *nargs)
{
    int have_kind = 0;
    for (size_t i = 0; i < a->ncuts; i++)
        if (a->cut_dim[i] == D_UNIT) {
            yu_buf_printf(b, "%ssub%zu(id, code) AS (SELECT id, code FROM units WHERE code = ?%zu UNION"
                             " SELECT u.id, u.code FROM units u JOIN sub%zu ON u.parent_code = sub%zu.code)",
                          *nargs ? ", " : "WITH RECURSIVE ", i, *nargs + 1, i, i);
            args[(*nargs)++] = a->cut_val[i];
        }
    yu_buf_puts(b, " FROM lines l JOIN budgets b ON b.id = l.budget_id JOIN units u ON u.id = b.unit_id WHERE 1");
    for (size_t i = 0; i < a->ncuts; i++) {
        const char *v = a->cut_val[i];
        switch (a->cut_dim[i]) {
        case D_UNIT:
            yu_buf_printf(b, " AND b.unit_id IN (SELECT id FROM sub%zu)", i);
            continue;
        case D_TYPE:
            if (!strcmp(v, "basic")) {
                yu_buf_printf(b, " AND l.type IN (%d, %d)", YU_T_PERSONNEL, YU_T_PUBLIC);
                continue;
            }
            yu_buf_printf(b, " AND l.type = (SELECT id FROM line_types WHERE key = ?%zu)", *nargs + 1);
            break;
        case D_SOURCE:
            yu_buf_printf(b, " AND l.source = (SELECT id FROM line_sources WHERE key = ?%zu)", *nargs + 1);
            break;
        case D_FUNC:
            yu_buf_printf(b, " AND CAST(l.func AS TEXT) LIKE ?%zu || '%%'", *nargs + 1);
            break;
        case D_ECON:
            yu_buf_printf(b, " AND CAST(l.econ AS TEXT) LIKE ?%zu || '%%'", *nargs + 1);
            break;
        case D_YEAR:
            yu_buf_printf(b, " AND b.year = ?%zu", *nargs + 1);
            break;
        case D_KIND:
            have_kind = 1;
            yu_buf_printf(b, " AND b.kind = ?%zu", *nargs + 1);
            break;
        }
        args[(*nargs)++] = v;
    }
    if (!have_kind)
        yu_buf_puts(b, " AND b.kind = 'budget'"); /* budgets and final accounts are not summed together */
}

static json_t *dim_value(srv *S, int d, sqlite3_stmt *st, int col, json_t *cell)
{
    char key[64];
    snprintf(key, sizeof key, "%s.label", dim_names[d]);
    int64_t v = sqlite3_column_int64(st, col);
    const char *label = NULL;
    switch (d) {
    case D_FUNC: label = yu_catalog_name_num(S->func, (uint32_t)v, 7); break;
    case D_FUNC_KUAN: label = yu_catalog_name_num(S->func, (uint32_t)v, 5); break;
    case D_FUNC_CLASS: label = yu_catalog_name_num(S->func, (uint32_t)v, 3); break;
    case D_ECON: label = v ? yu_catalog_name_num(S->econ, (uint32_t)v, 5) : NULL; break;
    case D_ECON_CLASS: label = v ? yu_catalog_name_num(S->econ, (uint32_t)v, 3) : NULL; break;
    case D_TYPE:
        json_object_set_new(cell, dim_names[d], json_string(yu_type_key((int)v)));
        label = yu_type_label((int)v);
        json_object_set_new(cell, key, json_string(label ? label : ""));
        return cell;
    case D_SOURCE:
        json_object_set_new(cell, dim_names[d], json_string(yu_source_key((int)v)));
        label = yu_source_label((int)v);
        json_object_set_new(cell, key, json_string(label ? label : ""));
        return cell;
    default: break;
    }
    json_object_set_new(cell, dim_names[d], col_json(st, col));
    if (d != D_YEAR && d != D_KIND && d != D_UNIT)
        json_object_set_new(cell, key, label ? json_string(label) : json_null());
    return cell;
}

static json_t *cuts_json(const q_agg *a)
{
    json_t *c = json_array();
    for (size_t i = 0; i < a->ncuts; i++)
        json_array_append_new(c, json_pack("{s:s,s:s}", "dimension", dim_names[a->cut_dim[i]], "value", a->cut_val[i]));
    return c;
}

json_t *q_aggregate(srv *S, yu_store *s, const q_agg *a, char *msg, size_t n)
{
    yu_buf w, q;
    yu_buf_init(&w, 0);
    yu_buf_init(&q, 0);
    const char *args[Q_MAX_CUTS + 2];
    size_t nargs = 0;
    where_sql(a, &w, args, &nargs);
    /* the cells: one column per dimension (and the unit's name), the sum, the count */
    const char *from = strstr(w.p, " FROM lines");
    yu_buf_printf(&q, "%.*s SELECT ", (int)(from - w.p), w.p);
    for (size_t i = 0; i < a->ndims; i++)
        yu_buf_printf(&q, "%s%s AS d%zu", i ? ", " : "", dim_sql[a->dims[i]], i);
    for (size_t i = 0; i < a->ndims; i++)
        if (a->dims[i] == D_UNIT)
            yu_buf_puts(&q, ", max(u.name)");
    yu_buf_printf(&q, "%ssum(l.amount), count(*)%s", a->ndims ? ", " : "", from);
    if (a->ndims) {
        yu_buf_puts(&q, " GROUP BY ");
        for (size_t i = 0; i < a->ndims; i++)
            yu_buf_printf(&q, "%sd%zu", i ? ", " : "", i);
    }
    int ocol = -1;
    for (size_t i = 0; i < a->ndims; i++)
        if (a->dims[i] == a->order_dim)
            ocol = (int)i;
    if (a->order_dim >= 0 && ocol < 0) {
        snprintf(msg, n, "order 的维度 %s 不在 drilldown 里", dim_names[a->order_dim]);
        yu_buf_free(&w);
        yu_buf_free(&q);
        return NULL;
    }
    if (ocol >= 0)
        yu_buf_printf(&q, " ORDER BY d%d %s", ocol, a->order_desc ? "DESC" : "ASC");
    else
        yu_buf_printf(&q, " ORDER BY sum(l.amount) %s", a->order_desc ? "DESC" : "ASC");
    for (size_t i = 0; i < a->ndims; i++)
        yu_buf_printf(&q, ", d%zu", i);
    sqlite3_stmt *st = prep(s, q.p, args, nargs);
    json_t *cells = json_array(), *res = NULL;
    int64_t ncells = 0, total = 0, facts = 0;
    int64_t first = (a->page - 1) * a->pagesize;
    int r = SQLITE_ERROR;
    if (st) {
        while ((r = sqlite3_step(st)) == SQLITE_ROW) {
            int nd = (int)a->ndims, extra = 0;
            for (size_t i = 0; i < a->ndims; i++)
                extra += a->dims[i] == D_UNIT;
            int64_t sum = sqlite3_column_int64(st, nd + extra), cnt = sqlite3_column_int64(st, nd + extra + 1);
            if (__builtin_add_overflow(total, sum, &total)) {
                r = SQLITE_TOOBIG;
                break;
            }
            facts += cnt;
            if (ncells >= first && ncells < first + a->pagesize) {
                json_t *cell = json_object();
                int col = 0;
                for (size_t i = 0; i < a->ndims; i++) {
                    dim_value(S, a->dims[i], st, col, cell);
                    col += 1;
                }
                /* the unit names come after the dimensions: fix their labels */
                int uc = nd;
                for (size_t i = 0; i < a->ndims; i++)
                    if (a->dims[i] == D_UNIT)
                        json_object_set_new(cell, "unit.label", col_json(st, uc++));
                char y[40];
                json_object_set_new(cell, "amount", json_string(q_yuan(sum, y, sizeof y)));
                json_object_set_new(cell, "amount_fen", json_integer(sum));
                json_object_set_new(cell, "num_facts", json_integer(cnt));
                json_array_append_new(cells, cell);
            }
            ncells++;
        }
        if (r != SQLITE_DONE)
            snprintf(msg, n, "%s", r == SQLITE_TOOBIG ? "合计超出范围" : sqlite3_errmsg(yu_store_sqlite(s)));
        sqlite3_finalize(st);
    } else
        snprintf(msg, n, "%s", sqlite3_errmsg(yu_store_sqlite(s)));
    if (r == SQLITE_DONE) {
        json_t *dd = json_array();
        for (size_t i = 0; i < a->ndims; i++)
            json_array_append_new(dd, json_string(dim_names[a->dims[i]]));
        char y[40];
        res = json_pack("{s:o,s:o,s:{s:s,s:I,s:I},s:I,s:I,s:I,s:s}", "drilldown", dd, "cut", cuts_json(a), "summary",
                        "amount", q_yuan(total, y, sizeof y), "amount_fen", (json_int_t)total, "num_facts",
                        (json_int_t)facts, "total_cell_count", (json_int_t)ncells, "page", (json_int_t)a->page, "pagesize",
                        (json_int_t)a->pagesize, "currency", "CNY");
        json_object_set_new(res, "cells", cells);
    } else
        json_decref(cells);
    yu_buf_free(&w);
    yu_buf_free(&q);
    return res;
}

json_t *q_facts(srv *S, yu_store *s, const q_agg *a, char *msg, size_t n)
{
    (void)S;
    yu_buf w, q;
    yu_buf_init(&w, 0);
    yu_buf_init(&q, 0);
    const char *args[Q_MAX_CUTS + 2];
    size_t nargs = 0;
    where_sql(a, &w, args, &nargs);
    const char *from = strstr(w.p, " FROM lines");
    yu_buf_printf(&q,
                  "%.*s SELECT u.code AS unit, b.year, b.kind, l.seq, l.func, l.econ, t.key AS type, s.key AS source, l.jijian,"
                  " l.amount AS amount_fen%s",
                  (int)(from - w.p), w.p, from);
    yu_buf x;
    yu_buf_init(&x, 0);
    /* join the reference tables after the main joins */
    const char *wh = strstr(q.p, " WHERE 1");
    yu_buf_printf(&x, "%.*s JOIN line_types t ON t.id = l.type JOIN line_sources s ON s.id = l.source%s"
                      " ORDER BY u.code, b.year, l.seq LIMIT %lld OFFSET %lld",
                  (int)(wh - q.p), q.p, wh, (long long)a->pagesize, (long long)((a->page - 1) * a->pagesize));
    json_t *rows = q_rows(s, x.p, args, nargs);
    if (!rows)
        snprintf(msg, n, "%s", sqlite3_errmsg(yu_store_sqlite(s)));
    size_t i;
    json_t *row;
    json_array_foreach(rows, i, row) {
        char y[40];
        json_object_set_new(row, "amount",
                            json_string(q_yuan(json_integer_value(json_object_get(row, "amount_fen")), y, sizeof y)));
    }
    yu_buf_free(&w);
    yu_buf_free(&q);
    yu_buf_free(&x);
    return rows ? json_pack("{s:o,s:I,s:I,s:o}", "cut", cuts_json(a), "page", (json_int_t)a->page, "pagesize",
                            (json_int_t)a->pagesize, "data", rows)
                : NULL;
}

/* ------------------------------------------------------- comparison */

json_t *q_compare(yu_store *s, const char *units, const char *years, const char *item, char *msg, size_t n)
{
    if (!units || !years) {
        snprintf(msg, n, "需要参数 units（单位代码，以逗号分隔）和 years（年度，以逗号分隔）");
        return NULL;
    }
    const char *it = item ? item : "sangong";
    int k = yu_sangong_parse(it);
    if (strcmp(it, "sangong") && k < 0) {
        snprintf(msg, n, "item“%s”：应为 sangong（三公经费合计）或 abroad、car_buy、car_run、reception、office", it);
        return NULL;
    }
    json_t *out = json_array();
    char ubuf[1024], ybuf[256];
    snprintf(ubuf, sizeof ubuf, "%s", units);
    snprintf(ybuf, sizeof ybuf, "%s", years);
    size_t count = 0;
    char *us, *ys;
    for (char *u = strtok_r(ubuf, ",", &us); u; u = strtok_r(NULL, ",", &us)) {
        char yb[256];
        snprintf(yb, sizeof yb, "%s", ybuf);
        for (char *y = strtok_r(yb, ",", &ys); y; y = strtok_r(NULL, ",", &ys)) {
            if (!digits(y) || strlen(y) != 4 || ++count > 200) {
                snprintf(msg, n, count > 200 ? "至多比较200组" : "年度“%s”：应为如 2024 的年份", y);
                json_decref(out);
                return NULL;
            }
            /* the node's subtree, this year's and last year's amounts (三公: the first four items) */
            const char *a[3] = {u, y, strcmp(it, "sangong") ? it : NULL};
            json_t *row = q_row(s,
                                "WITH RECURSIVE sub(id, code) AS (SELECT id, code FROM units WHERE code = ?1 UNION"
                                " SELECT u.id, u.code FROM units u JOIN sub ON u.parent_code = sub.code)"
                                " SELECT (SELECT name FROM units WHERE code = ?1) AS name, count(DISTINCT b.id) AS budgets,"
                                " coalesce(sum(g.amount), 0) AS amount_fen, coalesce(sum(g.prior), 0) AS prior_fen"
                                " FROM budgets b JOIN sangong g ON g.budget_id = b.id"
                                " WHERE b.unit_id IN (SELECT id FROM sub) AND b.year = ?2 AND b.kind = 'budget'"
                                " AND (?3 IS NULL AND g.item IN ('abroad', 'car_buy', 'car_run', 'reception') OR g.item = ?3)",
                                a, 3);
            if (!row || json_is_null(json_object_get(row, "name"))) {
                json_decref(row);
                snprintf(msg, n, "没有代码为“%s”的单位", u);
                json_decref(out);
                return NULL;
            }
            char yy[40];
            json_object_set_new(row, "unit", json_string(u));
            json_object_set_new(row, "year", json_integer(strtol(y, NULL, 10)));
            json_object_set_new(row, "item", json_string(it));
            json_object_set_new(row, "amount",
                                json_string(q_yuan(json_integer_value(json_object_get(row, "amount_fen")), yy, sizeof yy)));
            json_array_append_new(out, row);
        }
    }
    return out;
}

void q_quotes(srv *S, const char *origin, json_t *findings)
{
    size_t len = 0;
    char *text = origin ? srv_doc_text(S, origin, &len) : NULL;
    if (!text)
        return;
    size_t i;
    json_t *f;
    json_array_foreach(findings, i, f) {
        json_t *l = json_object_get(f, "line");
        char buf[600];
        if (json_is_integer(l) && *srv_text_line(text, len, (int)json_integer_value(l), buf, sizeof buf))
            json_object_set_new(f, "quote", json_string(buf));
    }
    free(text);
}
