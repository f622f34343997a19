/* yusuan serve [--db PATH] [--listen ADDR:PORT] [--data DIR] — the web
 * application and JSON API (docs/api.md); and its users:
 * yusuan serve --add-user NAME --role ROLE --unit CODE (password on stdin),
 * yusuan serve --new-token NAME (prints an API token). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli.h"
#include "yusuan/flow.h"
#include "../server/server.h"

static const char usage_text[] =
    "usage: yusuan serve [--db PATH] [--listen ADDR:PORT] [--data DIR] [--max-body BYTES] [--timeout SECONDS] [--threads N]\n"
    "       yusuan serve [--db PATH] --add-user NAME [--role viewer|filer|reviewer|approver --unit CODE]\n"
    "                    (the password is read from the first line of standard input)\n"
    "       yusuan serve [--db PATH] --grant NAME --role ROLE --unit CODE\n"
    "       yusuan serve [--db PATH] --new-token NAME [--days N]   prints an API token for scripts\n"
    "Defaults: --db ./yusuan.db (or $YUSUAN_DB), --listen 127.0.0.1:8080, --data ./yusuan-data,\n"
    "--max-body 33554432 (32 MiB), --timeout 30, --threads 4.  Stops on SIGTERM or SIGINT. docs/api.md\n";

static int num(const char *opt, const char *v, long lo, long hi, long *out)
{
    char *end;
    long x = strtol(v, &end, 10);
    if (*end || x < lo || x > hi) {
        fprintf(stderr, "yusuan serve: %s '%s': expected a number from %ld to %ld\n", opt, v, lo, hi);
        return 2;
    }
    *out = x;
    return 0;
}

static int admin(const char *db, const char *add, const char *grant, const char *tok, const char *role,
                 const char *unit, long days)
{
    yu_store *s;
    yu_error err;
    yu_error_clear(&err);
    if (yu_store_open(db, &s, &err)) {
        cli_error(&err);
        return 2;
    }
    yu_status st = YU_OK;
    if (add) {
        char pw[1100];
        if (!fgets(pw, sizeof pw, stdin)) {
            fprintf(stderr, "yusuan serve: --add-user %s: expected the password on the first line of standard input\n", add);
            yu_store_close(s);
            return 2;
        }
        pw[strcspn(pw, "\r\n")] = '\0';
        st = yu_flow_add_user(s, add, pw, &err);
        if (!st)
            printf("user %s: password set\n", add);
    }
    const char *who = add ? add : grant;
    if (!st && who && role) {
        int r = yu_role_parse(role);
        if (r < 0 || !unit) {
            fprintf(stderr, "yusuan serve: --role %s --unit %s: expected a role (viewer, filer, reviewer, approver) and a unit code\n",
                    role, unit ? unit : "(none)");
            yu_store_close(s);
            return 2;
        }
        st = yu_flow_grant(s, who, (yu_role)r, unit, &err);
        if (!st)
            printf("user %s: %s on %s and the units below it\n", who, role, unit);
    }
    if (!st && tok) {
        char t[65];
        st = yu_flow_new_token(s, tok, "cli", (int64_t)time(NULL), (int64_t)days * 86400, t, &err);
        if (!st)
            printf("%s\n", t);
    }
    if (st)
        cli_error(&err);
    yu_store_close(s);
    return st ? (st == YU_EMISSING || st == YU_EVALUE ? 1 : 2) : 0;
}

int cmd_serve(int argc, char **argv)
{
    srv_cfg cfg;
    memset(&cfg, 0, sizeof cfg);
    const char *db = getenv("YUSUAN_DB"), *listen = "127.0.0.1:8080", *add = NULL, *grant = NULL, *tok = NULL;
    const char *role = NULL, *unit = NULL;
    long max_body = 32L << 20, timeout = 30, threads = 4, days = 365;
    cfg.data = "yusuan-data";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int rc = 0;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(usage_text, stdout);
            return 0;
        }
        if (!v) {
            fprintf(stderr, "yusuan serve: %s: expected a value after it\n%s", a, usage_text);
            return 2;
        }
        i++;
        if (!strcmp(a, "--db"))
            db = v;
        else if (!strcmp(a, "--listen"))
            listen = v;
        else if (!strcmp(a, "--data"))
            cfg.data = v;
        else if (!strcmp(a, "--max-body"))
            rc = num(a, v, 1024, 1L << 30, &max_body);
        else if (!strcmp(a, "--timeout"))
            rc = num(a, v, 1, 3600, &timeout);
        else if (!strcmp(a, "--threads"))
            rc = num(a, v, 1, 64, &threads);
        else if (!strcmp(a, "--days"))
            rc = num(a, v, 1, 3650, &days);
        else if (!strcmp(a, "--add-user"))
            add = v;
        else if (!strcmp(a, "--grant"))
            grant = v;
        else if (!strcmp(a, "--new-token"))
            tok = v;
        else if (!strcmp(a, "--role"))
            role = v;
        else if (!strcmp(a, "--unit"))
            unit = v;
        else {
            fprintf(stderr, "yusuan serve: unknown option '%s'\n%s", a, usage_text);
            return 2;
        }
        if (rc)
            return rc;
    }
    cfg.db = db && *db ? db : "yusuan.db";
    if (add || grant || tok)
        return admin(cfg.db, add, grant, tok, role, unit, days);
    const char *colon = strrchr(listen, ':');
    long port = 0;
    if (!colon || (size_t)(colon - listen) >= sizeof cfg.host || num("--listen", colon + 1, 0, 65535, &port)) {
        fprintf(stderr, "yusuan serve: --listen '%s': expected ADDR:PORT such as 127.0.0.1:8080\n", listen);
        return 2;
    }
    memcpy(cfg.host, listen, (size_t)(colon - listen));
    cfg.host[colon - listen] = '\0';
    cfg.port = (unsigned)port;
    cfg.max_body = (size_t)max_body;
    cfg.timeout = (unsigned)timeout;
    cfg.threads = (unsigned)threads;
    cli_env env;
    memset(&env, 0, sizeof env);
    if (cli_catalogs(&env, NULL, 0))
        return 2;
    cfg.datadir = env.datadir;
    cli_env_free(&env);
    return srv_run(&cfg);
}
