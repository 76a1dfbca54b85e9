/* The PostgreSQL driver, over libpq. libpq is never linked: open loads
   libpq.so.5 with dlopen and looks up the few functions it needs, so a
   migrator starts and serves SQLite on a host without libpq, and a
   PostgreSQL URL there gets one line saying what to install. Not even
   libpq-fe.h is needed to build it: the few types and constants below
   are libpq's stable ABI (libpq.so.5).

   The run's lock is a session-level advisory lock (pg_try_advisory_lock,
   polled by session.c outside any transaction), held until close: a
   waiter never sits inside pg_advisory_lock holding a snapshot, which
   would make the holder's CREATE INDEX CONCURRENTLY wait for it forever.
   The lock's key is a hash of the search_path setting and the version
   table's name, so that migrators of one schema serialize and those of
   other schemas do not.

   Messages never show a password: a URL libpq cannot parse is refused
   before connecting with words of ours (libpq's quote the URL), connection
   errors name the host, port, database and user only, and every message
   goes through dburl_scrub, which hides each spelling of the password. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#ifndef MIGC_STATIC_LINK
#include <dlfcn.h>
#endif
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "migrator.h"

/* libpq's types, as far as this driver uses them. */
typedef struct pg_conn_opaque PGconn;
typedef struct pg_result_opaque PGresult;
typedef unsigned int Oid;
typedef void (*PQnoticeProcessor)(void *arg, const char *message);
typedef int ConnStatusType, ExecStatusType, PGTransactionStatusType;
typedef struct {
    char *keyword, *envvar, *compiled, *val, *label, *dispchar;
    int dispsize;
} PQconninfoOption;
enum {
    CONNECTION_OK = 0,
    PGRES_EMPTY_QUERY = 0,
    PGRES_COMMAND_OK = 1,
    PGRES_TUPLES_OK = 2,
    PQTRANS_IDLE = 0,
    PG_DIAG_SQLSTATE = 'C',
    PG_DIAG_MESSAGE_PRIMARY = 'M',
    PG_DIAG_MESSAGE_DETAIL = 'D',
};

/* The libpq functions this driver calls, looked up by name. */
struct pq_api {
    PGconn *(*connectdbParams)(const char *const *kw, const char *const *val, int expand);
    ConnStatusType (*status)(const PGconn *c);
    char *(*errorMessage)(const PGconn *c);
    void (*finish)(PGconn *c);
    PGresult *(*exec)(PGconn *c, const char *sql);
    PGresult *(*execParams)(PGconn *c, const char *sql, int n, const Oid *types,
                            const char *const *vals, const int *lens, const int *formats,
                            int result_format);
    ExecStatusType (*resultStatus)(const PGresult *r);
    char *(*resultErrorField)(const PGresult *r, int field);
    void (*clear)(PGresult *r);
    int (*ntuples)(const PGresult *r);
    int (*nfields)(const PGresult *r);
    char *(*getvalue)(const PGresult *r, int row, int col);
    int (*getisnull)(const PGresult *r, int row, int col);
    PQnoticeProcessor (*setNoticeProcessor)(PGconn *c, PQnoticeProcessor fn, void *arg);
    char *(*host)(const PGconn *c);
    char *(*port)(const PGconn *c);
    char *(*db)(const PGconn *c);
    char *(*user)(const PGconn *c);
    PGTransactionStatusType (*transactionStatus)(const PGconn *c);
    PQconninfoOption *(*conninfoParse)(const char *conninfo, char **errmsg);
    void (*conninfoFree)(PQconninfoOption *opts);
    void (*freemem)(void *p);
};

struct pg_conn {
    const struct migc_driver *drv;
    void *lib;
    struct pq_api pq;
    PGconn *c;
    const struct dburl *url;   /* the URL, whose password messages hide */
    char *password;            /* the password as libpq reads it, or NULL */
};

static const char libpq_name[] = "libpq.so.5";

#ifdef MIGC_STATIC_LINK
/* A static executable cannot load a shared library (and glibc's dlopen
   would drag the shared C library back in), so this variant never tries. */
static int load_libpq(struct pg_conn *pc, struct migc_err *e)
{
    (void)pc;
    err_set(e, EXIT_DB,
            "PostgreSQL needs the dynamically linked migrator: this one is statically linked "
            "and cannot load libpq (%s)",
            libpq_name);
    err_hint(e, "Build the migrator without --static for PostgreSQL; it then needs glibc and "
                "libpq5 on the host.");
    return -1;
}
#else
static int load_libpq(struct pg_conn *pc, struct migc_err *e)
{
    pc->lib = dlopen(libpq_name, RTLD_NOW | RTLD_LOCAL);
    if (!pc->lib) {
        err_set(e, EXIT_DB,
                "PostgreSQL support needs libpq (%s), which is not installed on this host: "
                "install the package libpq5 (Debian, Ubuntu), libpq (Fedora, RHEL, Alpine) "
                "or postgresql-libs (Arch)",
                libpq_name);
        return -1;
    }
    static const struct {
        const char *name;
        size_t offset;
    } syms[] = {
#define SYM(f, m) {#f, offsetof(struct pq_api, m)}
        SYM(PQconnectdbParams, connectdbParams),
        SYM(PQstatus, status),
        SYM(PQerrorMessage, errorMessage),
        SYM(PQfinish, finish),
        SYM(PQexec, exec),
        SYM(PQexecParams, execParams),
        SYM(PQresultStatus, resultStatus),
        SYM(PQresultErrorField, resultErrorField),
        SYM(PQclear, clear),
        SYM(PQntuples, ntuples),
        SYM(PQnfields, nfields),
        SYM(PQgetvalue, getvalue),
        SYM(PQgetisnull, getisnull),
        SYM(PQsetNoticeProcessor, setNoticeProcessor),
        SYM(PQhost, host),
        SYM(PQport, port),
        SYM(PQdb, db),
        SYM(PQuser, user),
        SYM(PQtransactionStatus, transactionStatus),
        SYM(PQconninfoParse, conninfoParse),
        SYM(PQconninfoFree, conninfoFree),
        SYM(PQfreemem, freemem),
#undef SYM
    };
    for (size_t i = 0; i < sizeof syms / sizeof syms[0]; i++) {
        void *f = dlsym(pc->lib, syms[i].name);
        if (!f) {
            err_set(e, EXIT_DB, "the libpq on this host (%s) lacks %s: install a newer libpq5",
                    libpq_name, syms[i].name);
            return -1;
        }
        /* POSIX guarantees that a function pointer round-trips through
           void *, which is what dlsym hands back. */
        memcpy((char *)&pc->pq + syms[i].offset, &f, sizeof f);
    }
    return 0;
}
#endif

/* ---- keeping passwords out of messages --------------------------------- */

static char *dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (!d)
        abort();
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

/* Hides the password in s (in place): every spelling dburl found, and the
   one libpq itself read. */
static void hide_secrets(const struct pg_conn *pc, char *s)
{
    if (pc->url)
        dburl_scrub(pc->url, s);
    dburl_scrub_secret(pc->password, s);
}

/* Has libpq parse the URL before connecting: a URL it cannot parse is
   refused with a message of ours, as libpq's quotes the URL's text. The
   password libpq reads is kept, to hide it too. */
static int check_url(struct pg_conn *pc, const char *target, struct migc_err *e)
{
    char *why = NULL;
    PQconninfoOption *opts = pc->pq.conninfoParse(target, &why);
    if (!opts) {
        err_set(e, EXIT_USAGE, "could not use the database URL from %s: libpq cannot parse it",
                pc->url && pc->url->source ? pc->url->source : "the command line");
        err_hint(e, "Write postgresql://USER:PASSWORD@HOST:PORT/DBNAME?PARAMETER=VALUE with "
                    "known libpq parameters, and percent-encode '@', '/', ':', '?', '#', "
                    "'&', '%%' and blanks in the user name and password.");
        if (why)
            pc->pq.freemem(why);
        return -1;
    }
    for (PQconninfoOption *o = opts; o->keyword; o++)
        if (strcmp(o->keyword, "password") == 0 && o->val && *o->val)
            pc->password = dup_n(o->val, strlen(o->val));
    pc->pq.conninfoFree(opts);
    return 0;
}

/* ---- errors ----------------------------------------------------------- */

/* libpq's multi-line connection message as one line: the per-address
   prefixes and FATAL: go, distinct lines are joined by "; ". */
static void one_line(const char *msg, char *out, size_t cap)
{
    size_t k = 0;
    out[0] = '\0';
    const char *p = msg ? msg : "";
    while (*p) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        char line[1024];
        snprintf(line, sizeof line, "%.*s", (int)len, p);
        p += len + (nl ? 1 : 0);
        char *l = line;
        while (isspace((unsigned char)*l))
            l++;
        if (strncmp(l, "connection to server ", 21) == 0) {
            char *f = strstr(l, " failed: ");
            if (f)
                l = f + 9;
        }
        if (strncmp(l, "FATAL:", 6) == 0 || strncmp(l, "ERROR:", 6) == 0)
            l += 6;
        while (isspace((unsigned char)*l))
            l++;
        size_t ll = strlen(l);
        while (ll && isspace((unsigned char)l[ll - 1]))
            l[--ll] = '\0';
        if (!ll || strstr(out, l))
            continue;
        if (ll && isupper((unsigned char)l[0]) && !isupper((unsigned char)l[1]))
            l[0] = (char)tolower((unsigned char)l[0]);
        int w = snprintf(out + k, cap - k, "%s%s", k ? "; " : "", l);
        if (w < 0 || (size_t)w >= cap - k)
            break;
        k += (size_t)w;
    }
}

/* A failed result (or a lost connection): the server's message, its
   SQLSTATE and detail. what: the attempt, or NULL when the message says it
   all (a migration's statement: apply.c adds the context). */
static int fail_result(struct pg_conn *pc, PGresult *r, const char *what, struct migc_err *e)
{
    const char *primary = r ? pc->pq.resultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    const char *state = r ? pc->pq.resultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    const char *detail = r ? pc->pq.resultErrorField(r, PG_DIAG_MESSAGE_DETAIL) : NULL;
    char msg[1500];
    if (primary)
        snprintf(msg, sizeof msg, "%s (SQLSTATE %s)%s%s", primary, state ? state : "?????",
                 detail ? ": " : "", detail ? detail : "");
    else
        one_line(pc->pq.errorMessage(pc->c), msg, sizeof msg);
    if (!msg[0])
        snprintf(msg, sizeof msg, "the server gave no message");
    if (what)
        err_set(e, EXIT_DB, "%s: %s", what, msg);
    else
        err_set(e, EXIT_DB, "%s", msg);
    hide_secrets(pc, e->msg);
    if (state && strcmp(state, "25006") == 0)
        err_hint(e, "The database accepts only read-only transactions (a standby, "
                    "default_transaction_read_only, or a read-only user); point the "
                    "migrator at the primary or lift the setting.");
    if (r)
        pc->pq.clear(r);
    return -1;
}

static bool result_ok(const struct pg_conn *pc, const PGresult *r)
{
    if (!r)
        return false;
    ExecStatusType st = pc->pq.resultStatus(r);
    return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY;
}

/* ---- connection ------------------------------------------------------- */

/* NOTICEs (such as "relation already exists, skipping") are not the
   migrator's output. */
static void ignore_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

static void pg_close(void *conn)
{
    struct pg_conn *pc = conn;
    if (!pc)
        return;
    if (pc->c)
        pc->pq.finish(pc->c);
    /* libpq stays loaded: unloading a library with thread-local state or
       atexit handlers in use is asking for trouble at exit. */
    free(pc->password);
    free(pc);
}

static void quote_ident(struct sb *b, const char *name)
{
    sb_puts(b, "\"");
    for (const char *c = name; *c; c++)
        sb_puts(b, *c == '"' ? "\"\"" : (char[2]){*c, 0});
    sb_puts(b, "\"");
}

static int pg_exec(void *conn, const char *sql, struct migc_err *e);

static int pg_open(const char *target, const struct driver_opts *o, void **conn,
                   struct migc_err *e)
{
    struct pg_conn *pc = calloc(1, sizeof *pc);
    if (!pc)
        abort();
    pc->drv = &driver_pg;
    pc->url = o->url;
    if (load_libpq(pc, e) || check_url(pc, target, e)) {
        pg_close(pc);
        return -1;
    }
    /* The URL goes in as dbname, expanded by libpq; keywords before it
       are defaults the URL overrides. Without a connect timeout, libpq
       waits as long as the operating system does for an unreachable host. */
    const char *kw[4], *val[4];
    int n = 0;
    if (!getenv("PGCONNECT_TIMEOUT")) {
        kw[n] = "connect_timeout";
        val[n++] = "10";
    }
    kw[n] = "fallback_application_name";
    val[n++] = o->app_name && *o->app_name ? o->app_name : "migc";
    kw[n] = "dbname";
    val[n++] = target;
    kw[n] = NULL;
    val[n] = NULL;
    pc->c = pc->pq.connectdbParams(kw, val, 1);
    if (!pc->c || pc->pq.status(pc->c) != CONNECTION_OK) {
        char why[1500];
        one_line(pc->c ? pc->pq.errorMessage(pc->c) : "out of memory", why, sizeof why);
        hide_secrets(pc, why);
        const char *host = pc->c ? pc->pq.host(pc->c) : NULL;
        const char *port = pc->c ? pc->pq.port(pc->c) : NULL;
        const char *db = pc->c ? pc->pq.db(pc->c) : NULL;
        const char *user = pc->c ? pc->pq.user(pc->c) : NULL;
        if (host && *host && db && *db)
            err_set(e, EXIT_DB,
                    "could not connect to PostgreSQL at %s%s%s (database \"%s\", user \"%s\"): %s",
                    host, port && *port ? ":" : "", port ? port : "", db, user ? user : "",
                    why);
        else
            err_set(e, EXIT_DB, "could not connect to PostgreSQL: %s", why);
        hide_secrets(pc, e->msg);
        pg_close(pc);
        return -1;
    }
    pc->pq.setNoticeProcessor(pc->c, ignore_notice, NULL);
    *conn = pc;
    if (o->schema) {
        struct sb b = {0};
        sb_puts(&b, "SET search_path TO ");
        quote_ident(&b, o->schema);
        int rc = pg_exec(pc, sb_str(&b), e);
        sb_free(&b);
        if (rc) {
            pg_close(pc);
            *conn = NULL;
            return -1;
        }
    }
    return 0;
}

static int pg_exec(void *conn, const char *sql, struct migc_err *e)
{
    struct pg_conn *pc = conn;
    PGresult *r = pc->pq.exec(pc->c, sql);
    if (!result_ok(pc, r))
        return fail_result(pc, r, NULL, e);
    pc->pq.clear(r);
    return 0;
}

static int pg_begin(void *conn, struct migc_err *e)
{
    struct pg_conn *pc = conn;
    PGresult *r = pc->pq.exec(pc->c, "BEGIN");
    if (!result_ok(pc, r))
        return fail_result(pc, r, "could not begin a transaction", e);
    pc->pq.clear(r);
    return 0;
}

static int pg_commit(void *conn, struct migc_err *e)
{
    struct pg_conn *pc = conn;
    PGresult *r = pc->pq.exec(pc->c, "COMMIT");
    if (!result_ok(pc, r))
        return fail_result(pc, r, "could not commit", e);
    pc->pq.clear(r);
    return 0;
}

static void pg_rollback(void *conn)
{
    struct pg_conn *pc = conn;
    if (pc->pq.transactionStatus(pc->c) == PQTRANS_IDLE)
        return;
    PGresult *r = pc->pq.exec(pc->c, "ROLLBACK");
    if (r)
        pc->pq.clear(r);
}

/* ?1..?n, the runtime's placeholders, become $1..$n. The runtime's own
   queries hold no ? inside literals. */
static char *placeholders(const char *sql)
{
    char *d = dup_n(sql, strlen(sql));
    for (char *p = d; *p; p++)
        if (*p == '?' && isdigit((unsigned char)p[1]))
            *p = '$';
    return d;
}

static int pg_query(void *conn, const char *sql, const char *const *params, int nparams,
                    migc_row_fn fn, void *ctx, struct migc_err *e)
{
    struct pg_conn *pc = conn;
    char *text = placeholders(sql);
    PGresult *r = pc->pq.execParams(pc->c, text, nparams, NULL, params, NULL, NULL, 0);
    free(text);
    if (!result_ok(pc, r))
        return fail_result(pc, r, "query failed", e);
    int rows = pc->pq.ntuples(r), cols = pc->pq.nfields(r);
    const char **vals = calloc((size_t)cols + 1, sizeof *vals);
    if (!vals)
        abort();
    for (int i = 0; i < rows; i++) {
        for (int j = 0; j < cols; j++)
            vals[j] = pc->pq.getisnull(r, i, j) ? NULL : pc->pq.getvalue(r, i, j);
        if (fn(ctx, cols, vals))
            break;
    }
    free(vals);
    pc->pq.clear(r);
    return 0;
}

static int set_true(void *ctx, int ncols, const char *const *vals)
{
    (void)ncols;
    *(bool *)ctx = vals[0] && strcmp(vals[0], "t") == 0;
    return 1;
}

static int pg_table_exists(void *conn, const char *table, bool *exists, struct migc_err *e)
{
    *exists = false;
    return pg_query(conn,
                    "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_class c "
                    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                    "WHERE c.relname = ?1 AND n.nspname = current_schema() "
                    "AND c.relkind IN ('r', 'p'))",
                    &table, 1, set_true, exists, e);
}

/* ---- the run's lock ---------------------------------------------------- */

static int copy_first(void *ctx, int ncols, const char *const *vals)
{
    (void)ncols;
    snprintf(ctx, 512, "%s", vals[0] ? vals[0] : "");
    return 1;
}

static int pg_try_lock(void *conn, const char *name, bool *got, struct migc_err *e)
{
    /* The search_path as set, not current_schema(): that one changes when
       a schema named in the path is created by the first migrator. */
    char path[512] = "";
    if (pg_query(conn, "SELECT current_setting('search_path')", NULL, 0, copy_first, path, e))
        return -1;
    /* FNV-1a, 64 bits: stable across hosts and server versions. */
    uint64_t h = 14695981039346656037ull;
    const char *parts[4] = {"migc:", path, ".", name};
    for (int i = 0; i < 4; i++)
        for (const unsigned char *c = (const unsigned char *)parts[i]; *c; c++)
            h = (h ^ *c) * 1099511628211ull;
    char key[32];
    snprintf(key, sizeof key, "%lld", (long long)(int64_t)h);
    const char *param = key;
    *got = false;
    return pg_query(conn, "SELECT pg_try_advisory_lock(?1::bigint)", &param, 1, set_true, got,
                    e);
}

/* ---- drift ------------------------------------------------------------- */

/* Every fact of one schema's catalog: tables, columns (type, nullability,
   default, identity, generated), constraints by name (primary key, unique, check, foreign key,
   exclusion), the indexes no constraint owns (with their validity: a
   concurrent build that did not finish leaves an invalid one), views and
   enum types (their values in order), the comments of tables and columns
   (quoted, or none), as the server prints them with search_path set to that schema (so that names are
   unqualified in both catalogs; index definitions always name the schema,
   which is taken out). Columns: owning table (NULL for a table or view),
   kind, name, what, aspect, value. */
static const char catalog_sql[] =
    "WITH rel AS (SELECT c.oid, c.relname, c.relkind FROM pg_catalog.pg_class c "
    "  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1) "
    "SELECT NULL, 'table', r.relname, 'table', '', '' FROM rel r "
    "  WHERE r.relkind IN ('r', 'p') "
    "UNION ALL SELECT NULL, k.kind, r.relname, k.kind, x.a, x.v FROM rel r "
    "  CROSS JOIN LATERAL (VALUES (CASE r.relkind WHEN 'm' THEN 'materialized view' "
    "    ELSE 'view' END)) k(kind) "
    "  CROSS JOIN LATERAL (VALUES ('', ''), ('definition', pg_get_viewdef(r.oid, true))) "
    "  x(a, v) WHERE r.relkind IN ('v', 'm') "
    "UNION ALL SELECT r.relname, 'column', a.attname, 'column', x.a, x.v "
    "  FROM rel r JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 "
    "  AND NOT a.attisdropped "
    "  LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
    "  CROSS JOIN LATERAL (VALUES ('', ''), "
    "    ('type', format_type(a.atttypid, a.atttypmod)), "
    "    ('nullability', CASE WHEN a.attnotnull THEN 'not null' ELSE 'null' END), "
    "    ('default', CASE WHEN a.attgenerated <> '' THEN 'none' "
    "      ELSE coalesce(pg_get_expr(d.adbin, d.adrelid), 'none') END), "
    "    ('identity', CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' "
    "      ELSE 'none' END), "
    "    ('generated', CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) "
    "      ELSE 'none' END)) x(a, v) "
    "  WHERE r.relkind IN ('r', 'p') "
    "UNION ALL SELECT t.relname, 'index', i.relname, 'index', x.a, x.v "
    "  FROM pg_catalog.pg_index ix JOIN rel i ON i.oid = ix.indexrelid "
    "  JOIN pg_catalog.pg_class t ON t.oid = ix.indrelid "
    "  CROSS JOIN LATERAL (VALUES ('', ''), ('definition', "
    "    replace(pg_get_indexdef(ix.indexrelid), ' ON ' || quote_ident($1) || '.', ' ON ')), "
    "    ('validity', CASE WHEN ix.indisvalid THEN 'valid' ELSE 'invalid' END)) "
    "  x(a, v) WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint k "
    "    WHERE k.conindid = ix.indexrelid AND k.contype IN ('p', 'u', 'x')) "
    "UNION ALL SELECT r.relname, 'constraint', con.conname, "
    "    CASE con.contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique constraint' "
    "    WHEN 'c' THEN 'check constraint' WHEN 'f' THEN 'foreign key' "
    "    WHEN 'x' THEN 'exclusion constraint' ELSE 'constraint' END, x.a, x.v "
    "  FROM pg_catalog.pg_constraint con JOIN rel r ON r.oid = con.conrelid "
    "  CROSS JOIN LATERAL (VALUES ('', ''), "
    "    ('definition', pg_get_constraintdef(con.oid, true))) x(a, v) "
    "UNION ALL SELECT NULL, 'type', t.typname, 'enum type', x.a, x.v "
    "  FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace "
    "  CROSS JOIN LATERAL (VALUES ('', ''), ('values', (SELECT "
    "    string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) "
    "    FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid))) x(a, v) "
    "  WHERE n.nspname = $1 AND t.typtype = 'e' "
    "UNION ALL SELECT NULL, 'table', r.relname, 'table', 'comment', "
    "  coalesce(quote_literal(obj_description(r.oid, 'pg_class')), 'none') FROM rel r "
    "  WHERE r.relkind IN ('r', 'p') "
    "UNION ALL SELECT r.relname, 'column', a.attname, 'column', 'comment', "
    "  coalesce(quote_literal(col_description(r.oid, a.attnum)), 'none') "
    "  FROM rel r JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 "
    "  AND NOT a.attisdropped WHERE r.relkind IN ('r', 'p')";

struct catalog {
    struct drift_facts f;
    const char *const *skip;
    int nskip;
};

static void on_fact(struct catalog *c, const char *const *v)
{
    const char *self = v[0] ? v[0] : v[2];
    for (int i = 0; i < c->nskip; i++)
        if (strcmp(c->skip[i], self) == 0)
            return;
    struct drift_obj o = {v[1], v[0], v[2], v[3], NULL};
    if (strcmp(v[4], "definition") == 0 || strcmp(v[4], "default") == 0 ||
        strcmp(v[4], "generated") == 0) {
        drift_add_sql(&c->f, &o, v[4], v[5] ? v[5] : "");
    } else {
        drift_add(&c->f, &o, v[4], v[5] ? v[5] : "");
    }
}

/* Reads schema's catalog with search_path set to it, then to behind
   (NULL: nothing), whose objects (an extension's types such as citext, its
   operator classes such as gin_trgm_ops) then print unqualified as they do
   in behind's own catalog. */
static int read_catalog(struct pg_conn *pc, const char *schema, const char *behind,
                        struct catalog *c, struct migc_err *e)
{
    struct sb b = {0};
    sb_puts(&b, "SET LOCAL search_path TO ");
    quote_ident(&b, schema);
    if (behind && behind[0]) {
        sb_puts(&b, ", ");
        quote_ident(&b, behind);
    }
    int rc = pg_exec(pc, sb_str(&b), e);
    sb_free(&b);
    if (rc)
        return -1;
    PGresult *r = pc->pq.execParams(pc->c, catalog_sql, 1, NULL, &schema, NULL, NULL, 0);
    if (!result_ok(pc, r))
        return fail_result(pc, r, "could not read the catalog", e);
    int rows = pc->pq.ntuples(r);
    for (int i = 0; i < rows; i++) {
        const char *v[6];
        for (int j = 0; j < 6; j++)
            v[j] = pc->pq.getisnull(r, i, j) ? NULL : pc->pq.getvalue(r, i, j);
        on_fact(c, v);
    }
    pc->pq.clear(r);
    return 0;
}

/* The extensions installed in the database (plpgsql, which every
   database has, left out): database-wide, so read only for the live
   side; the expected side takes them from the model (expected_extension). */
static int read_extensions(struct pg_conn *pc, struct catalog *c, struct migc_err *e)
{
    PGresult *r = pc->pq.execParams(pc->c,
                                    "SELECT extname FROM pg_catalog.pg_extension "
                                    "WHERE extname <> 'plpgsql' ORDER BY extname",
                                    0, NULL, NULL, NULL, NULL, 0);
    if (!result_ok(pc, r))
        return fail_result(pc, r, "could not read the extensions", e);
    int rows = pc->pq.ntuples(r);
    for (int i = 0; i < rows; i++) {
        const char *v[6] = {NULL, "extension", pc->pq.getvalue(r, i, 0), "extension", "", ""};
        on_fact(c, v);
    }
    pc->pq.clear(r);
    return 0;
}

/* An expected object that is an extension (the compiler renders it as
   CREATE EXTENSION IF NOT EXISTS name ...): it is not run, since an
   extension is database-wide and would already be there, but taken as a
   fact of the expected side. Returns false for any other statement. */
static bool expected_extension(const char *sql, struct catalog *want)
{
    static const char head[] = "CREATE EXTENSION IF NOT EXISTS ";
    if (strncmp(sql, head, sizeof head - 1) != 0)
        return false;
    const char *p = sql + sizeof head - 1;
    struct sb name = {0};
    if (*p == '"') {
        for (p++; *p && !(p[0] == '"' && p[1] != '"'); p++) {
            if (*p == '"')
                p++;
            sb_printf(&name, "%c", *p);
        }
    } else {
        for (; *p && *p != ' '; p++)
            sb_printf(&name, "%c", *p);
    }
    const char *v[6] = {NULL, "extension", sb_str(&name), "extension", "", ""};
    on_fact(want, v);
    sb_free(&name);
    return true;
}

/* The expected schema is built in a scratch schema inside a transaction
   that is rolled back, so the database is left as it was. */
static int pg_drift(void *conn, const char *const *expected_sql, int nexpected,
                    const char *const *skip, int nskip, migc_diff_fn fn, void *ctx,
                    struct migc_err *e)
{
    struct pg_conn *pc = conn;
    char live[512] = "";
    if (pg_query(conn, "SELECT coalesce(current_schema(), '')", NULL, 0, copy_first, live, e))
        return -1;
    char scratch[64];
    snprintf(scratch, sizeof scratch, "migc_expected_%ld", (long)getpid());
    struct catalog want = {.skip = skip, .nskip = nskip};
    struct catalog have = {.skip = skip, .nskip = nskip};
    int rc = -1;
    struct sb b = {0};
    sb_printf(&b, "CREATE SCHEMA %s", scratch);
    if (pg_begin(conn, e) || pg_exec(conn, sb_str(&b), e))
        goto out;
    sb_free(&b);
    /* The live schema after the scratch one: what extensions installed
       there (a type such as citext, an operator class such as
       gin_trgm_ops) resolves, while every object is created in the
       scratch schema. */
    sb_printf(&b, "SET LOCAL search_path TO %s", scratch);
    if (live[0]) {
        sb_puts(&b, ", ");
        quote_ident(&b, live);
    }
    if (pg_exec(conn, sb_str(&b), e))
        goto out;
    for (int i = 0; i < nexpected; i++) {
        if (expected_extension(expected_sql[i], &want))
            continue;
        if (pg_exec(conn, expected_sql[i], e)) {
            char why[sizeof e->msg];
            snprintf(why, sizeof why, "%s", e->msg);
            err_set(e, EXIT_DB, "could not build the expected schema: %s", why);
            err_detail(e, "The statement was: %.1500s", expected_sql[i]);
            goto out;
        }
    }
    if (read_catalog(pc, scratch, live, &want, e) || read_catalog(pc, live, NULL, &have, e) ||
        read_extensions(pc, &have, e))
        goto out;
    drift_compare(&want.f, &have.f, fn, ctx);
    rc = 0;
out:
    sb_free(&b);
    pg_rollback(conn);
    drift_free(&want.f);
    drift_free(&have.f);
    return rc;
}

static int pg_catalog(void *conn, struct drift_facts *facts, struct migc_err *e)
{
    char live[512] = "";
    if (pg_query(conn, "SELECT coalesce(current_schema(), '')", NULL, 0, copy_first, live, e))
        return -1;
    struct catalog have = {.f = *facts};
    int rc = read_catalog(conn, live, NULL, &have, e);
    if (rc == 0)
        rc = read_extensions(conn, &have, e);
    *facts = have.f;
    return rc;
}

const struct migc_driver driver_pg = {
    .name = "postgresql",
    .dialect = MIGC_POSTGRES,
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .query = pg_query,
    .table_exists = pg_table_exists,
    .drift = pg_drift,
    .try_lock = pg_try_lock,
    .catalog = pg_catalog,
};
