/* yusuan serve: reads of the store as JSON (query.c). */
#ifndef YU_SERVER_QUERY_H
#define YU_SERVER_QUERY_H
#include <jansson.h>
#include "server.h"

/* every row of a query with text parameters, as objects named by the columns */
json_t *q_rows(yu_store *s, const char *sql, const char *const *args, size_t nargs);
/* the first row, or NULL */
json_t *q_row(yu_store *s, const char *sql, const char *const *args, size_t nargs);
/* an array of flat objects as CSV (header from the first object's keys) */
void q_csv(yu_buf *b, json_t *rows);
/* the same as a workbook of one sheet (libxlsxwriter): 0, or -1 with msg */
int q_xlsx(yu_buf *b, json_t *rows, const char *sheet, char *msg, size_t n);
/* documents with counts of findings by severity; filters may be NULL */
json_t *q_documents(yu_store *s, const char *rule, const char *unit, const char *year, const char *tmpl);
/* findings with their decisions; filters may be NULL */
json_t *q_findings(yu_store *s, const char *doc, const char *rule, const char *severity);
/* adds to each finding with a line the line of the document's text it is on ("quote") */
void q_quotes(srv *S, const char *origin, json_t *findings);
/* submissions the user may see (0: only approved ones) */
json_t *q_submissions(yu_store *s, int64_t user_id);

/* the aggregate (OpenSpending style) over stored line items */
#define Q_MAX_DIMS 4
#define Q_MAX_CUTS 8
typedef struct q_agg {
    int dims[Q_MAX_DIMS];
    size_t ndims;
    int cut_dim[Q_MAX_CUTS];
    char cut_val[Q_MAX_CUTS][64];
    size_t ncuts;
    int order_dim;      /* -1: amount */
    int order_desc;
    int64_t page, pagesize;
} q_agg;
int q_agg_parse(q_agg *a, const char *drilldown, const char *cut, const char *order, char *msg, size_t n);
json_t *q_aggregate(srv *S, yu_store *s, const q_agg *a, char *msg, size_t n);
json_t *q_facts(srv *S, yu_store *s, const q_agg *a, char *msg, size_t n);
/* "三公" (or one of its items) of units' subtrees over years */
json_t *q_compare(yu_store *s, const char *units, const char *years, const char *item, char *msg, size_t n);
/* 分 as a decimal string of 元 */
const char *q_yuan(int64_t fen, char *buf, size_t n);
#endif
