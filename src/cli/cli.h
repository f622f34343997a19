/* The yusuan command: shared helpers of the subcommands. */
#ifndef YU_CLI_H
#define YU_CLI_H
#include "yusuan/yusuan.h"

typedef struct cli_env {
    const char *datadir;      /* data/ directory */
    yu_catalog *func, *econ;  /* catalogues */
    yu_layout *layout;        /* the template's layout */
    char glossary[1024];      /* glossary TSV path */
    yu_errors *keep;          /* when set, cli_load_budget adds every input error here too (check --annotate) */
} cli_env;

/* Seconds on the monotonic clock, for timings printed by db cube and gen. */
double cli_now(void);
/* YU_CUBE_THREADS(n) from the environment variable YUSUAN_THREADS=N (0 when unset) */
unsigned cli_thread_flags(void);
/* Prints "yusuan: <formatted error>" to stderr. */
void cli_error(const yu_error *e);
/* Loads catalogues (plus extra --catalog files, NULL-terminated). 0 or exit code. */
int cli_catalogs(cli_env *env, const char **extra, size_t nextra);
/* Loads the layout of a template id. */
int cli_layout(cli_env *env, const char *template_id);
/* Loads a budget from a package directory or a filled workbook (.xlsx); on
 * failure prints every input error found (up to YU_ERRORS_MAX) to stderr. */
yu_status cli_load_budget(cli_env *env, const char *path, yu_budget **b, yu_error *err);
/* Loads a budget package and its template; compiles it. */
int cli_compile(cli_env *env, const char *pkg, yu_glossary_mode g, yu_budget **b, yu_doc **d);
void cli_env_free(cli_env *env);
/* The data directory given by `yusuan --data DIR COMMAND` (common.c, datadir()). */
void cli_set_datadir(const char *dir);
/* check/report WORKBOOK --annotate OUT (common.c): a copy of the workbook with
 * each input error of `errs`, or else each finding of `fs` at its cell
 * (yu_xlsx_finding_where), as a comment (yu_xlsx_annotate).  0 or 2. */
int cli_annotate(const char *pkg, const char *out, const yu_errors *errs, const yu_budget *b, const yu_findings *fs);
/* Writes data to path atomically, or to stdout when path is NULL or "-". */
int cli_write(const char *path, const char *data, size_t len);

/* Findings: one line each ("FILE: severity [RULE] table row column: message",
 * with page and line when known), or a JSON object {document, errors, findings}. */
void cli_print_findings(const char *file, const yu_findings *fs);
struct json_t;
struct json_t *cli_findings_json(const char *file, const yu_findings *fs);

/* Reads a published document (PDF or text) with the best-matching (or the
 * named) template; returns its text too when text_out is given. */
int cli_audit_file(cli_env *env, const char *file, const char *tmpl, yu_doc **out, yu_audit_info *info,
                   char **text_out, size_t *len_out);

int cmd_report(int argc, char **argv);
int cmd_db(int argc, char **argv);
int cmd_gen(int argc, char **argv);
/* Opens the store db, builds the budget of unit for year (consolidated over its subtree
 * when there are budgets below it) and compiles it (cmd_db.c). */
int cli_compile_db(cli_env *env, const char *db, const char *unit, int year, yu_glossary_mode g,
                   yu_budget **b, yu_doc **d);
/* Writes one CSV file per table of d into dir (created when missing). 0 or exit code (cmd_report.c). */
int cli_write_csv_dir(const yu_doc *d, const char *dir);
/* report --db PATH --year Y --all: every node's document, formats comma-separated, into the new
 * directory outdir (report_all.c). 0 or exit code. */
int cli_report_all(cli_env *env, const char *db, int year, const char *fmts, const char *outdir,
                   yu_glossary_mode g, unsigned threads);
int cmd_check(int argc, char **argv);
/* Loads a package with its year (docs/year.md) and compiles one of the year's documents:
 * which = "execution", "final" or "selfeval" (cmd_year.c). */
int cli_compile_year(cli_env *env, const char *pkg, const char *which, const char *tmpl, const char *as_of,
                     yu_budget **b, yu_doc **d);
/* yusuan db compare (cmd_year.c): two stored documents, table by table. */
int cmd_db_compare(const char *db, int argc, char **argv);
/* The same for a budget of the store (a unit's own, not consolidated) with its year. */
int cli_compile_year_db(cli_env *env, const char *db, const char *unit, int year, const char *which, const char *tmpl,
                        const char *as_of, yu_budget **b, yu_doc **d);
int cmd_template(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_extract(int argc, char **argv);
/* A PDF's findings: the page a finding's line is on and the line on that page
 * (the reader numbers the lines of the whole text).  Other files: unchanged. */
void cli_lines_on_pages(const char *file, const char *text, size_t len, yu_findings *fs);
int cmd_serve(int argc, char **argv);
/* Reads a document's text: a PDF through poppler (OCR for scanned pages), else the file; *ocr
 * (may be NULL) gets the per-page OCR flags of a PDF (caller frees). 0 or exit code. */
int cli_read_doc(const char *path, char **text, size_t *len, unsigned char **ocr, int *npages);
/* Loads data/vocab/budget.vocab. */
int cli_vocab(cli_env *env, yu_vocab **v);
/* Loads data/vocab/words.vocab (the narrative's words, words.h). */
int cli_words(cli_env *env, yu_vocab **v);
/* Reads any disclosure without a template; its text too when text_out is given. */
int cli_read_any(cli_env *env, const yu_vocab *v, const char *file, yu_gdoc **out, char **text_out, size_t *len_out);
#endif
