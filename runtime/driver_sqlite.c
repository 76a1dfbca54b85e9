/* The SQLite driver: SQLite is linked into the migrator, so a migrator
   needs no libsqlite3 on the host. Migrations run with foreign_keys off
   (the pragma cannot change inside a transaction, and a table rebuild
   must not cascade); BEGIN IMMEDIATE and a busy timeout make concurrent
   migrators take turns, transaction by transaction. A run that writes
   also holds an flock on the database file for the whole run (try_lock),
   so that a transaction none migration, which runs between two
   transactions, is not run again by a migrator that got in between. SQLite
   locks with fcntl, which flock does not touch.

   A file deleted or replaced while a migrator runs (a backup restored
   over it, a deploy that moves it) would take the migration's writes into
   a file no one opens again: before each statement, begin and commit the
   driver checks that the path still names the file it opened, and fails
   (rolling back) when it does not. That is SQLite's "connection cut". */
#define _DEFAULT_SOURCE
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "migrator.h"

struct sqlite_conn {
    const struct migc_driver *drv;
    sqlite3 *db;
    char *path;                /* NULL for :memory: */
    int lock_fd;               /* -1: the run's lock is not held */
    dev_t dev;                 /* the file opened (path non-NULL) */
    ino_t ino;
    bool created;              /* open created the file */
};

static void sq_close(void *conn);

/* Fails when the path no longer names the file opened. */
static int still_there(struct sqlite_conn *c, struct migc_err *e)
{
    struct stat st;
    if (!c->path)
        return 0;
    if (stat(c->path, &st) == 0 && st.st_dev == c->dev && st.st_ino == c->ino)
        return 0;
    err_set(e, EXIT_DB, "the SQLite database file \"%s\" was deleted or replaced while the "
                        "migrator ran", c->path);
    err_hint(e, "Nothing of the running transaction was committed. Put the database file "
                "back (or check which file is the real one) and run the migrator again.");
    return -1;
}

/* what: the attempt that failed, or NULL when SQLite's message says it
   all (a migration's statement: apply.c adds the context). */
static int fail(struct migc_err *e, sqlite3 *db, const char *what)
{
    /* SQLite's words for a read-only file or directory say little about
       which one it is. */
    int code = sqlite3_extended_errcode(db) & 0xff;
    if (code == SQLITE_NOTADB) {
        const char *file = sqlite3_db_filename(db, "main");
        err_set(e, EXIT_DB, "\"%s\" is not a SQLite database", file && *file ? file : "?");
        err_detail(e, "SQLite says: %s.", sqlite3_errmsg(db));
        err_hint(e, "Check the database URL: it should name this project's SQLite database "
                    "file. A file of another kind, or one damaged or encrypted, cannot be "
                    "migrated.");
        return -1;
    }
    const char *why = code == SQLITE_READONLY ? " (the database file or its directory is "
                                                "read-only)"
                      : code == SQLITE_CANTOPEN ? " (could not create the journal beside the "
                                                  "database file: is its directory writable?)"
                                                : "";
    if (what)
        err_set(e, EXIT_DB, "%s: %s%s", what, sqlite3_errmsg(db), why);
    else
        err_set(e, EXIT_DB, "%s%s", sqlite3_errmsg(db), why);
    return -1;
}

/* The migrator runs one thread, so SQLite's mutexes and its memory
   statistics (a global mutex taken on every allocation) are pure cost: a
   seventh of the instructions of `current` on a database of 1,000 tables,
   which is nearly all SQLite reading its schema. sqlite3_config works
   only before SQLite initializes itself, hence once, before the first
   open. */
static void sq_configure(void)
{
    static bool done;
    if (done)
        return;
    done = true;
    sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int sq_open(const char *target, const struct driver_opts *o, void **conn,
                   struct migc_err *e)
{
    sq_configure();
    if (o->schema) {
        err_set(e, EXIT_USAGE, "--schema is for PostgreSQL; a SQLite database has no schemas");
        return -1;
    }
    bool memory = strcmp(target, ":memory:") == 0;
    struct stat before;
    bool existed = memory || stat(target, &before) == 0;
    if (!existed && !o->create) {
        err_set(e, EXIT_DB, "SQLite database file \"%s\" does not exist", target);
        err_hint(e, "Check the database URL and the working directory; only upgrade and "
                    "stamp create a database.");
        return -1;
    }
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(target, &db,
                             SQLITE_OPEN_READWRITE | (o->create ? SQLITE_OPEN_CREATE : 0), NULL);
    if (rc != SQLITE_OK) {
        err_set(e, EXIT_DB, "could not open SQLite database \"%s\": %s", target,
                db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
        sqlite3_close(db);
        return -1;
    }
    sqlite3_busy_timeout(db, o->busy_timeout_ms);
    if (sqlite3_exec(db, "PRAGMA foreign_keys = OFF", NULL, NULL, NULL) != SQLITE_OK) {
        fail(e, db, "could not turn foreign keys off");
        sqlite3_close(db);
        return -1;
    }
    struct sqlite_conn *c = calloc(1, sizeof *c);
    if (!c)
        abort();
    c->drv = &driver_sqlite;
    c->db = db;
    c->lock_fd = -1;
    c->created = !existed;
    if (!memory) {
        c->path = strdup(target);
        if (!c->path)
            abort();
        struct stat st;
        if (stat(target, &st) != 0) {
            err_set(e, EXIT_DB, "could not open SQLite database \"%s\": %s", target,
                    strerror(errno));
            sq_close(c);
            return -1;
        }
        c->dev = st.st_dev;
        c->ino = st.st_ino;
    }
    *conn = c;
    return 0;
}

static void sq_close(void *conn)
{
    struct sqlite_conn *c = conn;
    if (!c)
        return;
    /* A run that created the file and failed before anything committed
       must not leave an empty database behind for the next run to take
       for a real one. */
    bool discard = false;
    if (c->created && c->path && still_there(c, &(struct migc_err){0}) == 0) {
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(c->db, "SELECT count(*) FROM sqlite_master", -1, &st, NULL) ==
                SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            discard = sqlite3_column_int(st, 0) == 0;
        sqlite3_finalize(st);
    }
    sqlite3_close(c->db);
    if (discard)
        unlink(c->path);
    if (c->lock_fd >= 0)
        close(c->lock_fd);
    free(c->path);
    free(c);
}

/* Appends to b a name as a double-quoted identifier. */
static void put_ident(struct sb *b, const char *name)
{
    sb_puts(b, "\"");
    for (const char *p = name; *p; p++)
        sb_puts(b, *p == '"' ? "\"\"" : (char[2]){*p, '\0'});
    sb_puts(b, "\"");
}

/* The first row of sql (bound to params as text), each column as text
   ("NULL" for SQL NULL) into vals; false when there is none. The caller
   frees vals[0..n). */
static bool first_row(sqlite3 *db, const char *sql, const char *const *params, int nparams,
                      char **vals, int n)
{
    sqlite3_stmt *st = NULL;
    bool got = false;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
        for (int i = 0; i < nparams; i++)
            sqlite3_bind_text(st, i + 1, params[i], -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) == SQLITE_ROW) {
            got = true;
            for (int i = 0; i < n; i++) {
                const char *v = (const char *)sqlite3_column_text(st, i);
                vals[i] = strdup(v ? v : "NULL");
                if (!vals[i])
                    abort();
            }
        }
    }
    sqlite3_finalize(st);
    return got;
}

/* Reports the first row PRAGMA foreign_key_check finds: the table, its
   foreign key and the row's key values, so that the user can find it. */
static int fk_violation(sqlite3 *db, struct migc_err *e)
{
    char *v[4] = {0};
    if (!first_row(db, "SELECT \"table\", rowid, parent, fkid FROM pragma_foreign_key_check",
                   NULL, 0, v, 4)) {
        err_set(e, EXIT_DB, "foreign key check failed");
        return -1;
    }
    const char *table = v[0], *rowid = v[1], *parent = v[2], *fkid = v[3];
    const char *params[2] = {table, fkid};
    char *k[2] = {0};
    if (!first_row(db, "SELECT group_concat(\"from\", ', '), "
                       "coalesce(group_concat(\"to\", ', '), '') FROM (SELECT * FROM "
                       "pragma_foreign_key_list(?1) WHERE id = CAST(?2 AS INTEGER) ORDER BY seq)",
                   params, 2, k, 2)) {
        k[0] = strdup("?");
        k[1] = strdup("");
    }
    /* The row's values of the key's columns: "customer_id = 42". */
    struct sb q = {0}, vals = {0};
    sb_puts(&q, "SELECT ''");
    char *cols = strdup(k[0]);
    if (!cols)
        abort();
    int ncols = 0;
    for (char *c = strtok(cols, ","); c; c = strtok(NULL, ","), ncols++) {
        while (*c == ' ')
            c++;
        sb_puts(&q, ncols ? " || ', ' || '" : " || '");
        for (const char *p = c; *p; p++)
            sb_puts(&q, *p == '\'' ? "''" : (char[2]){*p, '\0'});
        sb_puts(&q, " = ' || quote(");
        put_ident(&q, c);
        sb_puts(&q, ")");
    }
    sb_puts(&q, " FROM ");
    put_ident(&q, table);
    sb_puts(&q, " WHERE rowid = ?1");
    char *row = NULL;
    const char *rp[1] = {rowid};
    if (strcmp(rowid, "NULL") != 0 && ncols > 0 && first_row(db, sb_str(&q), rp, 1, &row, 1))
        sb_puts(&vals, row);
    sb_free(&q);
    err_set(e, EXIT_DB,
            "foreign key (%s) REFERENCES %s%s%s%s of table \"%s\" is violated: its row with "
            "rowid %s holds %s, which no row of table \"%s\" has",
            k[0], parent, k[1][0] ? " (" : "", k[1], k[1][0] ? ")" : "", table, rowid,
            vals.len ? sb_str(&vals) : "a key", parent);
    err_detail(e, "SQLite checks every foreign key when migc rebuilds a table. Delete or fix the "
                  "rows that reference missing rows (PRAGMA foreign_key_check lists them all), "
                  "then run again.");
    sb_free(&vals);
    free(row);
    free(cols);
    for (int i = 0; i < 4; i++)
        free(v[i]);
    free(k[0]);
    free(k[1]);
    return -1;
}

static bool is_fk_check(const char *sql)
{
    while (isspace((unsigned char)*sql))
        sql++;
    const char *w = "pragma";
    for (; *w; w++, sql++)
        if (tolower((unsigned char)*sql) != *w)
            return false;
    while (isspace((unsigned char)*sql))
        sql++;
    return strncmp(sql, "foreign_key_check", 17) == 0;
}

static int sq_exec(void *conn, const char *sql, struct migc_err *e)
{
    struct sqlite_conn *c = conn;
    if (still_there(c, e))
        return -1;
    const char *tail = sql;
    while (tail && *tail) {
        sqlite3_stmt *st = NULL;
        const char *start = tail;
        if (sqlite3_prepare_v2(c->db, start, -1, &st, &tail) != SQLITE_OK)
            return fail(e, c->db, NULL);
        if (!st)
            continue;   /* only whitespace or a comment left */
        bool fk = is_fk_check(start);
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            if (fk) {
                sqlite3_finalize(st);
                return fk_violation(c->db, e);
            }
        }
        /* The foreign-key check migc renders after a table rebuild fails
           as a CHECK on a count: say which row breaks which key. */
        if (rc == SQLITE_CONSTRAINT &&
            sqlite3_extended_errcode(c->db) == SQLITE_CONSTRAINT_CHECK &&
            strncmp(start + strspn(start, " \t\n"), "INSERT INTO _migc_fk_check", 26) == 0) {
            sqlite3_finalize(st);
            return fk_violation(c->db, e);
        }
        if (rc != SQLITE_DONE) {
            fail(e, c->db, NULL);
            sqlite3_finalize(st);
            return -1;
        }
        sqlite3_finalize(st);
    }
    return 0;
}

static int sq_begin(void *conn, struct migc_err *e)
{
    struct sqlite_conn *c = conn;
    if (still_there(c, e))
        return -1;
    if (sqlite3_exec(c->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
        return fail(e, c->db, "could not lock the database");
    return 0;
}

static int sq_commit(void *conn, struct migc_err *e)
{
    struct sqlite_conn *c = conn;
    if (still_there(c, e))
        return -1;
    if (sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        return fail(e, c->db, "could not commit");
    return 0;
}

static void sq_rollback(void *conn)
{
    struct sqlite_conn *c = conn;
    if (!sqlite3_get_autocommit(c->db))
        sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
}

static int query_db(sqlite3 *db, const char *sql, const char *const *params, int nparams,
                    migc_row_fn fn, void *ctx, struct migc_err *e)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
        return fail(e, db, "query failed");
    for (int i = 0; i < nparams; i++)
        sqlite3_bind_text(st, i + 1, params[i], -1, SQLITE_TRANSIENT);
    int rc;
    int ncols = sqlite3_column_count(st);
    const char **vals = calloc((size_t)ncols + 1, sizeof *vals);
    if (!vals)
        abort();
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        for (int i = 0; i < ncols; i++)
            vals[i] = (const char *)sqlite3_column_text(st, i);
        if (fn(ctx, ncols, vals)) {
            rc = SQLITE_DONE;
            break;
        }
    }
    free(vals);
    if (rc != SQLITE_DONE) {
        fail(e, db, "query failed");
        sqlite3_finalize(st);
        return -1;
    }
    sqlite3_finalize(st);
    return 0;
}

static int sq_query(void *conn, const char *sql, const char *const *params, int nparams,
                    migc_row_fn fn, void *ctx, struct migc_err *e)
{
    struct sqlite_conn *c = conn;
    return query_db(c->db, sql, params, nparams, fn, ctx, e);
}

static int set_true(void *ctx, int ncols, const char *const *vals)
{
    (void)ncols;
    (void)vals;
    *(bool *)ctx = true;
    return 1;
}

static int sq_table_exists(void *conn, const char *table, bool *exists, struct migc_err *e)
{
    *exists = false;
    return sq_query(conn,
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1 "
                    "COLLATE NOCASE",
                    &table, 1, set_true, exists, e);
}

/* ---- drift: the live catalog against the expected one ----------------- */

/* Both catalogs are read the same way, the expected one from an
   in-memory database built from the expected SQL: columns, primary keys,
   unique constraints and foreign keys from SQLite's pragmas (which know a
   constraint by its columns, not by its name); check constraints, which
   no pragma lists, from the table's SQL; indexes and views by their SQL. */
struct catalog {
    struct drift_facts f;
    const char *const *skip;
    int nskip;
    sqlite3 *db;
    struct migc_err *e;
    int failed;
};

struct table_ctx {
    struct catalog *c;
    const char *table;
    const char *sql;           /* its CREATE TABLE statement */
};

static size_t sql_token(const char *s, size_t i, size_t *start);
static bool token_is(const char *s, size_t start, size_t end, const char *word);
static void written_name(const char *sql, const char *kind, const char *cols, char *out,
                         size_t n);
static const char *fk_deferral(const char *sql, const char *cols);

static int on_column(void *ctx, int ncols, const char *const *v)
{
    (void)ncols;
    struct table_ctx *t = ctx;
    struct drift_obj o = {"column", t->table, v[0], NULL, NULL};
    drift_add(&t->c->f, &o, "", NULL);
    drift_add(&t->c->f, &o, "type", v[1] && *v[1] ? v[1] : "(none)");
    drift_add(&t->c->f, &o, "nullability",
              strcmp(v[2], "0") != 0 || strcmp(v[4], "0") != 0 ? "not null" : "null");
    if (v[3])
        drift_add_sql(&t->c->f, &o, "default", v[3]);
    else
        drift_add(&t->c->f, &o, "default", "none");
    /* hidden: 2 a virtual generated column, 3 a stored one. SQLite does
       not tell the expression apart from the table's SQL. */
    drift_add(&t->c->f, &o, "generated",
              strcmp(v[5], "3") == 0 ? "stored" : strcmp(v[5], "2") == 0 ? "virtual" : "none");
    return 0;
}

/* v[0]: the columns, comma-separated; v[1]: what. */
static int on_key(void *ctx, int ncols, const char *const *v)
{
    (void)ncols;
    struct table_ctx *t = ctx;
    if (!v[0])
        return 0;
    char name[512], spelled[256];
    snprintf(name, sizeof name, "(%s)", v[0]);
    written_name(t->sql, v[1][0] == 'p' ? "primary" : "unique", v[0], spelled, sizeof spelled);
    struct drift_obj o = {"constraint", t->table, name, v[1], spelled[0] ? spelled : NULL};
    drift_add(&t->c->f, &o, "", NULL);
    return 0;
}

static int on_fk(void *ctx, int ncols, const char *const *v)
{
    (void)ncols;
    struct table_ctx *t = ctx;
    char name[512], val[1024], spelled[256];
    /* from, table, to, on_update, on_delete */
    snprintf(name, sizeof name, "(%s)", v[0] ? v[0] : "");
    snprintf(val, sizeof val, "references %s (%s) on update %s on delete %s%s", v[1],
             v[2] ? v[2] : "", v[3], v[4], fk_deferral(t->sql, v[0] ? v[0] : ""));
    written_name(t->sql, "foreign", v[0] ? v[0] : "", spelled, sizeof spelled);
    struct drift_obj o = {"constraint", t->table, name, "foreign key", spelled[0] ? spelled : NULL};
    drift_add(&t->c->f, &o, "", NULL);
    drift_add(&t->c->f, &o, "definition", val);
    return 0;
}

/* A token of SQL: start and length; quoted names and strings whole. */
static size_t sql_token(const char *s, size_t i, size_t *start)
{
    while (s[i] && isspace((unsigned char)s[i]))
        i++;
    *start = i;
    if (!s[i])
        return i;
    char close = s[i] == '\'' ? '\'' : s[i] == '"' ? '"' : s[i] == '`' ? '`' : s[i] == '[' ? ']' : 0;
    if (close) {
        for (i++; s[i]; i++)
            if (s[i] == close) {
                if (close != ']' && s[i + 1] == close) {
                    i++;
                    continue;
                }
                return i + 1;
            }
        return i;
    }
    if (isalnum((unsigned char)s[i]) || s[i] == '_' || (unsigned char)s[i] >= 0x80) {
        while (s[i] && (isalnum((unsigned char)s[i]) || s[i] == '_' || s[i] == '$' ||
                        (unsigned char)s[i] >= 0x80))
            i++;
        return i;
    }
    return i + 1;
}

static bool token_is(const char *s, size_t start, size_t end, const char *word)
{
    size_t n = strlen(word);
    return end - start == n && sqlite3_strnicmp(s + start, word, (int)n) == 0;
}

/* A token's text, unquoted, into out (n bytes). */
static void token_text(const char *s, size_t st, size_t end, char *out, size_t n)
{
    if (end - st >= 2 && strchr("\"`[", s[st])) {
        st++;
        end--;
    }
    snprintf(out, n, "%.*s", (int)(end - st), s + st);
}

/* How the CREATE TABLE statement sql defers its foreign key on cols
("a, b"), which the pragmas do not tell: " deferrable", " deferrable
initially deferred", or "" when it does not (or the key is not found).
A key is a table element FOREIGN KEY (cols) ..., or a column element
with REFERENCES (cols is then that column). */
static const char *fk_deferral(const char *sql, const char *cols)
{
    size_t i = 0, st;
    int depth = 0;
    bool first = false, fk = false, refs = false, not_ = false, deferrable = false,
         initially = false, deferred = false, match = false;
    char have[512] = "";
    for (;;) {
        size_t end = sql_token(sql, i, &st);
        bool last = end == st;
        bool elem_end = last || (depth == 1 && (sql[st] == ',' || sql[st] == ')'));
        if (elem_end && depth == 1) {
            if (refs && (fk ? strcmp(have, cols) == 0 : match) && deferrable)
                return deferred ? " deferrable initially deferred" : " deferrable";
            first = true;
            fk = refs = deferrable = initially = deferred = match = false;
            have[0] = '\0';
        }
        if (last)
            return "";
        i = end;
        if (sql[st] == '(') {
            if (++depth == 1)
                first = true;
            else if (depth == 2 && fk && !refs) {
                /* FOREIGN KEY (a, b): the key's own columns */
                for (size_t k = end;;) {
                    size_t cst, cend = sql_token(sql, k, &cst);
                    if (cend == cst || sql[cst] == ')')
                        break;
                    k = cend;
                    if (sql[cst] == ',')
                        continue;
                    char col[256];
                    token_text(sql, cst, cend, col, sizeof col);
                    size_t l = strlen(have);
                    snprintf(have + l, sizeof have - l, "%s%s", l ? ", " : "", col);
                }
            }
            continue;
        }
        if (sql[st] == ')') {
            depth--;
            continue;
        }
        if (depth != 1 || (sql[st] == ','))
            continue;
        if (first) {
            first = false;
            char col[256];
            token_text(sql, st, end, col, sizeof col);
            match = sqlite3_stricmp(col, cols) == 0;
        }
        if (token_is(sql, st, end, "foreign"))
            fk = true;
        else if (token_is(sql, st, end, "references"))
            refs = true;
        else if (refs && token_is(sql, st, end, "deferrable"))
            deferrable = !not_;
        else if (refs && token_is(sql, st, end, "initially"))
            initially = true;
        else if (initially && token_is(sql, st, end, "deferred"))
            deferred = deferrable;
        not_ = token_is(sql, st, end, "not");
    }
}

/* The name a CREATE TABLE statement gives (CONSTRAINT NAME) to its
   primary key, unique constraint or foreign key (kind "primary", "unique"
   or "foreign") on cols ("a, b"), table-level or on a column; "" when it
   gives none. The pragmas know such constraints by their columns only. */
static void written_name(const char *sql, const char *kind, const char *cols, char *out,
                         size_t n)
{
    out[0] = '\0';
    size_t i = 0, st, elem = 0;
    int depth = 0;
    for (;;) {
        size_t end = sql_token(sql, i, &st);
        if (end == st)
            return;
        i = end;
        if (sql[st] == '(') {
            if (++depth == 1)
                elem = i;
            continue;
        }
        if (sql[st] == ')') {
            depth--;
            continue;
        }
        if (depth == 1 && sql[st] == ',') {
            elem = i;
            continue;
        }
        if (depth != 1 || !token_is(sql, st, end, "constraint"))
            continue;
        char name[256], have[512] = "";
        size_t nst, nend = sql_token(sql, i, &nst);
        token_text(sql, nst, nend, name, sizeof name);
        size_t kst, kend = sql_token(sql, nend, &kst);
        if (!token_is(sql, kst, kend, kind))
            continue;
        if (strcmp(kind, "unique") != 0)
            kend = sql_token(sql, kend, &kst);      /* KEY */
        size_t pst, pend = sql_token(sql, kend, &pst);
        if (pend > pst && sql[pst] == '(') {
            for (size_t k = pend;;) {
                size_t cst, cend = sql_token(sql, k, &cst);
                if (cend == cst || sql[cst] == ')')
                    break;
                k = cend;
                if (sql[cst] == ',' || token_is(sql, cst, cend, "asc") ||
                    token_is(sql, cst, cend, "desc"))
                    continue;
                char col[256];
                token_text(sql, cst, cend, col, sizeof col);
                size_t l = strlen(have);
                snprintf(have + l, sizeof have - l, "%s%s", l ? ", " : "", col);
            }
        } else {
            size_t cst, cend = sql_token(sql, elem, &cst);
            token_text(sql, cst, cend, have, sizeof have);
        }
        if (sqlite3_stricmp(have, cols) == 0) {
            snprintf(out, n, "%s", name);
            return;
        }
    }
}

/* The check constraints in a CREATE TABLE statement: CHECK (...), named
   when CONSTRAINT NAME comes before it. */
static void add_checks(struct catalog *c, const char *table, const char *sql)
{
    size_t i = 0, st, prev[2][2] = {{0, 0}, {0, 0}};
    for (;;) {
        size_t end = sql_token(sql, i, &st);
        if (end == st)
            return;
        if (token_is(sql, st, end, "check")) {
            size_t pst, pend = sql_token(sql, end, &pst);
            if (pend > pst && sql[pst] == '(') {
                int depth = 0;
                size_t k = pst, ks;
                do {
                    size_t ke = sql_token(sql, k, &ks);
                    if (ke == ks)
                        break;
                    if (sql[ks] == '(')
                        depth++;
                    else if (sql[ks] == ')')
                        depth--;
                    k = ke;
                } while (depth > 0);
                char *expr = malloc(k - pst + 1);
                if (!expr)
                    abort();
                memcpy(expr, sql + pst, k - pst);
                expr[k - pst] = '\0';
                char *norm = drift_normalize(expr);
                char name[512];
                if (token_is(sql, prev[0][0], prev[0][1], "constraint")) {
                    size_t ns = prev[1][0], nl = prev[1][1] - ns;
                    if (nl >= 2 && strchr("\"`[", sql[ns])) {
                        ns++;
                        nl -= 2;
                    }
                    snprintf(name, sizeof name, "%.*s", (int)nl, sql + ns);
                    struct drift_obj o = {"constraint", table, name, "check constraint", NULL};
                    drift_add(&c->f, &o, "", NULL);
                    drift_add_sql(&c->f, &o, "definition", expr);
                } else {
                    snprintf(name, sizeof name, "%s", norm);
                    struct drift_obj o = {"constraint", table, name, "check constraint", NULL};
                    drift_add(&c->f, &o, "", NULL);
                    drift_add_sql(&c->f, &o, "definition", expr);
                }
                free(norm);
                free(expr);
                end = k;
            }
        }
        prev[0][0] = prev[1][0];
        prev[0][1] = prev[1][1];
        prev[1][0] = st;
        prev[1][1] = end;
        i = end;
    }
}

static bool skipped(const struct catalog *c, const char *name)
{
    for (int i = 0; i < c->nskip; i++)
        if (sqlite3_stricmp(c->skip[i], name) == 0)
            return true;
    return strncmp(name, "sqlite_", 7) == 0;
}

static int on_object(void *ctx, int ncols, const char *const *v)
{
    (void)ncols;
    struct catalog *c = ctx;
    const char *type = v[0], *name = v[1], *tbl = v[2], *sql = v[3];
    if (skipped(c, name) || skipped(c, tbl))
        return 0;
    bool index = strcmp(type, "index") == 0, trigger = strcmp(type, "trigger") == 0;
    struct drift_obj o = {type, index || trigger ? tbl : NULL, name, NULL, NULL};
    drift_add(&c->f, &o, "", NULL);
    /* A trigger is compared by existence: only sql blocks make them. */
    if (trigger)
        return 0;
    if (strcmp(type, "table") == 0) {
        struct table_ctx t = {c, name, sql};
        if (query_db(c->db, "SELECT name, type, \"notnull\", dflt_value, pk, hidden "
                            "FROM pragma_table_xinfo(?1)", &name, 1, on_column, &t, c->e) ||
            query_db(c->db, "SELECT group_concat(name, ', '), 'primary key' FROM "
                            "(SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk)",
                     &name, 1, on_key, &t, c->e) ||
            query_db(c->db, "SELECT (SELECT group_concat(name, ', ') FROM (SELECT name FROM "
                            "pragma_index_info(il.name) ORDER BY seqno)), 'unique constraint' "
                            "FROM pragma_index_list(?1) il WHERE il.origin = 'u'",
                     &name, 1, on_key, &t, c->e) ||
            query_db(c->db, "SELECT group_concat(\"from\", ', '), \"table\", "
                            "group_concat(\"to\", ', '), on_update, on_delete FROM "
                            "(SELECT * FROM pragma_foreign_key_list(?1) ORDER BY id, seq) "
                            "GROUP BY id",
                     &name, 1, on_fk, &t, c->e))
            c->failed = 1;
        add_checks(c, name, sql);
    } else {
        drift_add_sql(&c->f, &o, "definition", sql);
    }
    return 0;
}

static int read_catalog(sqlite3 *db, struct catalog *c, struct migc_err *e)
{
    c->db = db;
    c->e = e;
    if (query_db(db, "SELECT type, name, tbl_name, sql FROM sqlite_master "
                     "WHERE sql IS NOT NULL AND type IN ('table', 'index', 'view', 'trigger') "
                     "ORDER BY name", NULL, 0, on_object, c, e) || c->failed)
        return -1;
    return 0;
}

static int sq_drift(void *conn, const char *const *expected_sql, int nexpected,
                    const struct drift_exists *exists, int nexists, const char *const *skip,
                    int nskip, migc_diff_fn fn, void *ctx, struct migc_err *e)
{
    struct sqlite_conn *c = conn;
    sqlite3 *mem = NULL;
    if (sqlite3_open(":memory:", &mem) != SQLITE_OK) {
        err_set(e, EXIT_DB, "could not open an in-memory database");
        sqlite3_close(mem);
        return -1;
    }
    for (int i = 0; i < nexpected; i++) {
        char *msg = NULL;
        if (sqlite3_exec(mem, expected_sql[i], NULL, NULL, &msg) != SQLITE_OK) {
            err_set(e, EXIT_DB, "could not build the expected schema: %s", msg ? msg : "?");
            sqlite3_free(msg);
            sqlite3_close(mem);
            return -1;
        }
    }
    struct catalog want = {.skip = skip, .nskip = nskip};
    struct catalog have = {.skip = skip, .nskip = nskip};
    int rc = -1;
    if (read_catalog(mem, &want, e) || read_catalog(c->db, &have, e))
        goto out;
    drift_existence_only(&want.f, &have.f, exists, nexists);
    drift_compare(&want.f, &have.f, fn, ctx);
    rc = 0;
out:
    drift_free(&want.f);
    drift_free(&have.f);
    sqlite3_close(mem);
    return rc;
}

static int sq_try_lock(void *conn, const char *name, bool *got, struct migc_err *e)
{
    (void)name;
    struct sqlite_conn *c = conn;
    *got = true;
    if (!c->path || c->lock_fd >= 0)
        return 0;
    int fd = open(c->path, O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        err_set(e, EXIT_DB, "could not open \"%s\" to lock it: %s", c->path, strerror(errno));
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int err = errno;
        close(fd);
        if (err == EWOULDBLOCK) {
            *got = false;
            return 0;
        }
        err_set(e, EXIT_DB, "could not lock \"%s\": %s", c->path, strerror(err));
        return -1;
    }
    c->lock_fd = fd;
    return 0;
}

static int sq_catalog(void *conn, struct drift_facts *facts, struct migc_err *e)
{
    struct sqlite_conn *c = conn;
    struct catalog have = {.f = *facts};
    int rc = read_catalog(c->db, &have, e);
    *facts = have.f;
    return rc;
}

const struct migc_driver driver_sqlite = {
    .name = "sqlite",
    .dialect = MIGC_SQLITE,
    .open = sq_open,
    .close = sq_close,
    .exec = sq_exec,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .query = sq_query,
    .table_exists = sq_table_exists,
    .drift = sq_drift,
    .try_lock = sq_try_lock,
    .catalog = sq_catalog,
};
