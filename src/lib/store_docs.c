/* Published documents in the store: the cells and findings of disclosures
 * read back by the audit, so that hundreds of them can be queried together. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sqlite3.h>
#include "yusuan/store.h"
#include "internal.h"

static yu_status fail(sqlite3 *db, yu_error *err, const char *what)
{
    yu_error_set(err, YU_EDB, sqlite3_db_filename(db, "main"), 0, 0, "%s: %s", what, sqlite3_errmsg(db));
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return YU_EDB;
}

static void bt(sqlite3_stmt *st, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, i);
}

yu_status yu_store_import_doc(yu_store *s, const yu_doc *d, const yu_findings *fs, const char *origin,
                              int tables_found, yu_error *err)
{
    sqlite3 *db = yu_store_sqlite(s);
    if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return fail(db, err, "cannot start a transaction");
    sqlite3_stmt *st = NULL;
    /* replace an earlier import of the same file */
    if (sqlite3_prepare_v2(db, "DELETE FROM doc_cells WHERE document_id IN (SELECT id FROM documents WHERE origin = ?1);"
                               , -1, &st, NULL) != SQLITE_OK)
        return fail(db, err, "cannot prepare");
    bt(st, 1, origin);
    int r = sqlite3_step(st);
    sqlite3_finalize(st);
    if (r != SQLITE_DONE)
        return fail(db, err, "cannot replace the document");
    if (sqlite3_prepare_v2(db, "DELETE FROM doc_findings WHERE document_id IN (SELECT id FROM documents WHERE origin = ?1)",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(db, err, "cannot prepare");
    bt(st, 1, origin);
    r = sqlite3_step(st);
    sqlite3_finalize(st);
    if (r != SQLITE_DONE)
        return fail(db, err, "cannot replace the document");
    if (sqlite3_prepare_v2(db, "DELETE FROM documents WHERE origin = ?1", -1, &st, NULL) != SQLITE_OK)
        return fail(db, err, "cannot prepare");
    bt(st, 1, origin);
    r = sqlite3_step(st);
    sqlite3_finalize(st);
    if (r != SQLITE_DONE)
        return fail(db, err, "cannot replace the document");
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO documents(origin, unit_name, year, template, decimals, money_unit, tables_found,"
                           " tables_expected, errors, missing, imported_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
                           " strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(db, err, "cannot prepare");
    bt(st, 1, origin);
    bt(st, 2, d->b ? d->b->name : NULL);
    sqlite3_bind_int(st, 3, d->b ? d->b->year : 0);
    bt(st, 4, d->L->id);
    sqlite3_bind_int(st, 5, d->decimals);
    bt(st, 6, d->unit_label);
    sqlite3_bind_int(st, 7, tables_found);
    sqlite3_bind_int(st, 8, (int)d->L->ntables);
    sqlite3_bind_int(st, 9, (int)yu_findings_count(fs, YU_SEV_ERROR));
    sqlite3_bind_int(st, 10, (int)yu_findings_count(fs, YU_SEV_MISSING));
    r = sqlite3_step(st);
    sqlite3_finalize(st);
    if (r != SQLITE_DONE)
        return fail(db, err, "cannot insert the document");
    sqlite3_int64 id = sqlite3_last_insert_rowid(db);
    if (sqlite3_prepare_v2(db, "INSERT INTO doc_cells VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", -1, &st, NULL) != SQLITE_OK)
        return fail(db, err, "cannot prepare");
    for (size_t t = 0; t < d->ntables; t++) {
        const yu_table *T = &d->tables[t];
        for (size_t i = 0; i < T->nrows; i++) {
            const yu_row *row = &T->rows[i];
            for (size_t c = 0; c < T->lt->ncols; c++) {
                const yu_cell *cell = &row->cells[c];
                if (cell->kind == YU_CELL_EMPTY)
                    continue;
                sqlite3_reset(st);
                sqlite3_bind_int64(st, 1, id);
                bt(st, 2, T->lt->id);
                sqlite3_bind_int(st, 3, (int)i);
                bt(st, 4, row->code[0] ? row->code : NULL);
                bt(st, 5, row->key[0] ? row->key[0] : row->key[1]);
                bt(st, 6, T->lt->cols[c].key);
                if (cell->kind == YU_CELL_TEXT) {
                    sqlite3_bind_null(st, 7);
                    bt(st, 8, cell->text);
                } else {
                    sqlite3_bind_int64(st, 7, cell->v);
                    sqlite3_bind_null(st, 8);
                }
                if (sqlite3_step(st) != SQLITE_DONE) {
                    sqlite3_finalize(st);
                    return fail(db, err, "cannot insert a cell");
                }
            }
        }
    }
    sqlite3_finalize(st);
    if (sqlite3_prepare_v2(db, "INSERT INTO doc_findings VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", -1,
                           &st, NULL) != SQLITE_OK)
        return fail(db, err, "cannot prepare");
    for (size_t i = 0; fs && i < fs->n; i++) {
        const yu_finding *f = &fs->f[i];
        sqlite3_reset(st);
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int(st, 2, (int)i);
        bt(st, 3, f->rule);
        bt(st, 4, yu_severity_name(f->sev));
        bt(st, 5, f->table);
        bt(st, 6, f->row);
        bt(st, 7, f->col);
        sqlite3_bind_int(st, 8, f->page);
        sqlite3_bind_int(st, 9, f->line);
        sqlite3_bind_int64(st, 10, f->got);
        sqlite3_bind_int64(st, 11, f->want);
        bt(st, 12, f->msg);
        if (sqlite3_step(st) != SQLITE_DONE) {
            sqlite3_finalize(st);
            return fail(db, err, "cannot insert a finding");
        }
    }
    sqlite3_finalize(st);
    if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        return fail(db, err, "cannot commit");
    return YU_OK;
}

static char *dup_col(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return yu_strdup(t ? (const char *)t : "");
}

yu_status yu_store_docs(yu_store *s, yu_store_doc **out, size_t *n, yu_error *err)
{
    sqlite3 *db = yu_store_sqlite(s);
    sqlite3_stmt *st;
    *out = NULL;
    *n = 0;
    if (sqlite3_prepare_v2(db,
                           "SELECT origin, unit_name, template, year, tables_found, tables_expected, errors, missing"
                           " FROM documents ORDER BY year, origin",
                           -1, &st, NULL) != SQLITE_OK)
        return yu_error_set(err, YU_EDB, NULL, 0, 0, "cannot list the documents: %s", sqlite3_errmsg(db));
    size_t cap = 0;
    int r;
    while ((r = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            yu_store_doc *nd = realloc(*out, cap * sizeof *nd);
            if (!nd) {
                sqlite3_finalize(st);
                yu_store_docs_free(*out, *n);
                *out = NULL;
                *n = 0;
                return yu_error_set(err, YU_ENOMEM, NULL, 0, 0, "out of memory");
            }
            *out = nd;
        }
        yu_store_doc *x = &(*out)[(*n)++];
        x->origin = dup_col(st, 0);
        x->unit_name = dup_col(st, 1);
        x->template_id = dup_col(st, 2);
        x->year = sqlite3_column_int(st, 3);
        x->tables_found = sqlite3_column_int(st, 4);
        x->tables_expected = sqlite3_column_int(st, 5);
        x->errors = sqlite3_column_int(st, 6);
        x->missing = sqlite3_column_int(st, 7);
    }
    sqlite3_finalize(st);
    if (r != SQLITE_DONE)
        return yu_error_set(err, YU_EDB, NULL, 0, 0, "cannot list the documents: %s", sqlite3_errmsg(db));
    return YU_OK;
}

void yu_store_docs_free(yu_store_doc *d, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(d[i].origin);
        free(d[i].unit_name);
        free(d[i].template_id);
    }
    free(d);
}
