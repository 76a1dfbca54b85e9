/* The runtime's private interface: shared by the modules of
   libmigc_runtime, never installed. Each module's public names start
   with its file's name (revgraph_init in revgraph.c).

   Memory: everything a run needs lives in one struct rt and is released
   once by rt_free at the end of migc_main; rt_alloc aborts on
   out-of-memory (a migrator can do nothing useful after that).

   Errors travel in struct migc_err: a message (lower case or one of the
   fixed phrases users search for), an optional detail and hint (full
   sentences) and the exit status the error calls for. */
#ifndef MIGC_RUNTIME_MIGRATOR_H
#define MIGC_RUNTIME_MIGRATOR_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "graphpic.h"
#include "migc_migrator.h"

/* ---- errors --------------------------------------------------------- */

enum { EXIT_OK = 0, EXIT_DB = 1, EXIT_USAGE = 2, EXIT_CHECK = 3 };

struct migc_err {
    int code;                  /* exit status: EXIT_DB or EXIT_USAGE */
    char where[512];           /* "file:line" the error is about, or "" */
    char msg[2048];
    char detail[4096];
    char hint[1024];
};

void err_set(struct migc_err *e, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void err_detail(struct migc_err *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void err_hint(struct migc_err *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Sets where (after err_set, which clears it). */
void err_where(struct migc_err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints "where: error: msg" (or "error: msg"), then detail and hint, to
   stderr. */
void err_print(const struct migc_err *e);

/* ---- drivers -------------------------------------------------------- */

/* Called once per row; values are text (NULL for SQL NULL). Return
   non-zero to stop early (not an error). */
typedef int (*migc_row_fn)(void *ctx, int ncols, const char *const *vals);
/* One difference the drift comparison finds: as data (object such as
   "column users.email"; kind "missing", "extra", "type", "nullability",
   "default" or "definition"; the expected and actual values) and as the
   line a person reads (`table "users": column "email" is varchar(100) in
   the migrations but text in the database`). Valid during the call. */
struct drift_diff {
    const char *object, *kind, *expected, *actual, *line;
};
typedef void (*migc_diff_fn)(void *ctx, const struct drift_diff *d);
struct drift_facts;
struct drift_exists;

/* How a connection is opened. */
struct driver_opts {
    int busy_timeout_ms;       /* SQLite: how long to wait for a locked file */
    /* SQLite: create the file when it does not exist (upgrade, stamp);
       else a missing file is an error naming it. A file the connection
       created and left without a table is removed at close. */
    bool create;
    /* The URL parsed: the PostgreSQL driver hides its password in every
       message (dburl_scrub) and names its source when libpq rejects it. */
    const struct dburl *url;
    const char *schema;        /* --schema: where the tables live; NULL: the default */
    const char *app_name;      /* shown to the server (PostgreSQL's application_name) */
};

/* Every function returns 0 on success and -1 with e filled on failure
   (e->code EXIT_DB). A connection begins with a pointer to its driver.
   A database's message names the failing condition, and its SQLSTATE
   when the database has one ("... (SQLSTATE 42P07)"). */
struct migc_driver {
    const char *name;
    int dialect;               /* MIGC_SQLITE, ... */
    /* target: what follows the URL's scheme, as dburl_parse gives it.
       Connection errors are one line and never show a password. */
    int (*open)(const char *target, const struct driver_opts *o, void **conn,
                struct migc_err *e);
    void (*close)(void *conn);
    /* One statement (or several separated by semicolons, all run); rows
       they return are discarded, except that a foreign-key check reporting
       a row is an error. */
    int (*exec)(void *conn, const char *sql, struct migc_err *e);
    /* Begins a transaction that takes the database's write lock, so that
       other writers take turns with it (SQLite: BEGIN IMMEDIATE). */
    int (*begin)(void *conn, struct migc_err *e);
    int (*commit)(void *conn, struct migc_err *e);
    void (*rollback)(void *conn);
    /* params bind to ?1..?n as text. */
    int (*query)(void *conn, const char *sql, const char *const *params, int nparams,
                 migc_row_fn fn, void *ctx, struct migc_err *e);
    /* In the connection's current schema. */
    int (*table_exists)(void *conn, const char *table, bool *exists, struct migc_err *e);
    /* Compares the live schema with the one expected_sql creates, leaving
       out the tables named in skip, and checks that the objects in exists
       are there (drift_existence_only). Changes nothing. */
    int (*drift)(void *conn, const char *const *expected_sql, int nexpected,
                 const struct drift_exists *exists, int nexists,
                 const char *const *skip, int nskip, migc_diff_fn fn, void *ctx,
                 struct migc_err *e);
    /* Tries once, without waiting and outside any transaction, to take the
       run's lock, named after the version table; *got says whether it did.
       Held until close: state read once under it stays true for the whole
       session. */
    int (*try_lock)(void *conn, const char *name, bool *got, struct migc_err *e);
    /* Adds the facts of the live catalog (the connection's current
       schema, as drift reads it) to facts, in the caller's transaction
       when one is open. Changes nothing. On PostgreSQL an index also has
       the aspect "validity": "invalid" when a concurrent build did not
       finish. */
    int (*catalog)(void *conn, struct drift_facts *facts, struct migc_err *e);
};

extern const struct migc_driver driver_sqlite;
/* libpq is loaded (dlopen) by open, the first time a PostgreSQL URL is
   used; without it, open fails saying what to install. In the static
   variant (MIGC_STATIC_LINK) open always fails, saying that PostgreSQL
   needs the dynamically linked migrator. */
extern const struct migc_driver driver_pg;

/* ---- build_info.c ----------------------------------------------------- */

/* Writes into buf (n bytes, truncated) how the migrator was built:
   statically or dynamically linked, the target, the SQLite inside and
   what that means for PostgreSQL. Never fails. */
void build_info_describe(char *buf, size_t n);

/* ---- drift.c: catalogs compared as facts ----------------------------- */

/* The object a fact is about: kind "table", "view", "column",
   "constraint" or "index"; table, the table a column, constraint or index
   belongs to (NULL for a table or view); its name (a constraint SQLite
   knows by its columns only is named "(col, ...)"); what, the words a
   person reads for its kind ("unique constraint"; NULL: kind). */
struct drift_obj {
    const char *kind, *table, *name, *what;
    /* The name as written, when it is not name: a SQLite constraint's
       CONSTRAINT NAME in its table's SQL (kept in raw_name, not compared). */
    const char *spelled;
};
/* One fact: an object's existence (aspect "", value its what) or one of
   its aspects ("type", "nullability", "default", "definition", on
   PostgreSQL "identity"). Stored lower case; the raw_ fields keep the
   value and names as the database spells them (migc import writes them
   out). */
struct drift_fact {
    char *kind, *table, *name, *what, *aspect, *value;
    char *raw, *raw_table, *raw_name;
    bool owned;                /* belongs to a table */
};
struct drift_facts {
    struct drift_fact *v;
    int n, cap;
};
/* Copies the strings; released by drift_free. */
void drift_add(struct drift_facts *c, const struct drift_obj *o, const char *aspect,
               const char *value);
/* drift_add of SQL text: compared as drift_normalize has it, raw as given. */
void drift_add_sql(struct drift_facts *c, const struct drift_obj *o, const char *aspect,
                   const char *sql);
void drift_free(struct drift_facts *c);
/* SQL text compared loosely: lower case, runs of blanks as one space.
   The caller frees the result. */
char *drift_normalize(const char *sql);
/* An object compared by existence only (expected_exists): kind as the
   catalogs name it ("function", "trigger", ...), name, and the table it
   belongs to (a trigger's, a policy's, an index's; NULL: none, which for
   an index means any table). */
struct drift_exists {
    const char *kind, *name, *table;
};
/* Adds an existence fact to want for each of x, and leaves out of both
   lists everything else about them: their aspects, and the columns and
   constraints of the tables and views among them, whose definitions the
   migrations do not know. */
void drift_existence_only(struct drift_facts *want, struct drift_facts *have,
                          const struct drift_exists *x, int n);
/* Sorts both lists and reports each difference through fn, grouped by
   table: objects missing or extra as a whole (a table's parts not again),
   and aspects that differ. */
void drift_compare(struct drift_facts *want, struct drift_facts *have, migc_diff_fn fn,
                   void *ctx);


/* ---- the run's state ------------------------------------------------ */

struct rt_block;

/* The static graph, resolved to indexes into project->revisions. */
struct rt_rev {
    const int *parents;                /* the project's own arrays */
    int nparents;
    const int *deps;
    int ndeps;
    int *children, nchildren;          /* through revises */
    int *dependents, ndependents;      /* through depends on */
};

struct rt {
    const struct migc_project *p;
    const char *prog;                  /* argv[0]'s last component */
    struct rt_block *blocks;
    int n;                             /* revisions */
    struct rt_rev *revs;
    const int *by_id;                  /* indexes sorted by id: the project's */
    int *heads, nheads;                /* no child through revises, by id */
    int *bases, nbases;
    bool quiet, verbose;
};

void *rt_alloc(struct rt *rt, size_t size);
char *rt_strdup(struct rt *rt, const char *s);
char *rt_printf(struct rt *rt, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rt_free(struct rt *rt);
/* The project's version table and URL variable, or their defaults
   ("migc_version", "DATABASE_URL") when the data leaves them empty. */
const char *rt_version_table(const struct rt *rt);
const char *rt_url_env(const struct rt *rt);
/* Who applied a revision, as the version table's migrator column and
   --version name it: "NAME (migc VERSION)". */
const char *rt_migrator_label(struct rt *rt);

/* A growable string on malloc, released by sb_free. */
struct sb {
    char *s;
    size_t len, cap;
};
void sb_puts(struct sb *b, const char *s);
void sb_printf(struct sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *sb_str(const struct sb *b);
void sb_free(struct sb *b);
/* s as a JSON string literal, quotes included. */
void sb_json(struct sb *b, const char *s);

/* ---- revgraph.c: the static revision graph and target resolution ---- */

/* Links children and dependents to the project's parents and deps and
   finds heads and bases. Fails (EXIT_DB) only when the data is not what
   migc generates: an index out of range, a parent after its child, or
   by_id out of order. */
int revgraph_init(struct rt *rt, struct migc_err *e);
/* Exact id; -1 when absent. */
int revgraph_find(const struct rt *rt, const char *id);
/* The revision carrying branch label exactly; -1 when none does. */
int revgraph_find_label(const struct rt *rt, const char *label);
/* The branch labels written on revision r (nlabels of them), as an array
   in rt's memory. */
const char *const *revgraph_labels(struct rt *rt, int r);
/* Marks in set (n bytes) r and everything r reaches through parents, and
   through deps too when deps. */
void revgraph_reach(const struct rt *rt, int r, bool deps, unsigned char *set);
/* revgraph_reach through parents and deps. */
void revgraph_ancestors(const struct rt *rt, int r, unsigned char *set);
/* True when anc is r or reachable from r through parents and deps. */
bool revgraph_is_ancestor(const struct rt *rt, int anc, int r);
/* The maximal elements of an applied set: those no other member reaches.
   Fills out (n ints) in topological order and returns the count. */
int revgraph_heads_of(const struct rt *rt, const unsigned char *set, int *out);

/* ---- plan.c: what upgrade, downgrade and stamp do, as Alembic does ----- */

/* Each follows Alembic 1.8 step by step (its resolution of the target
   against the graph and the current revisions cur, topological order) and
   fails with e (EXIT_USAGE) where Alembic refuses the target, with
   Alembic's message, and where Alembic stops on an internal error. set has
   n bytes. */

/* The revisions upgrade word applies: what the target reaches through
   revises and depends on that is not applied yet. */
int plan_upgrade(struct rt *rt, const char *word, const int *cur, int ncur, unsigned char *set,
                 struct migc_err *e);
/* The revisions downgrade word reverts: the applied ones reachable from
   the target's children through revises and depends on. */
int plan_downgrade(struct rt *rt, const char *word, const int *cur, int ncur,
                   unsigned char *set, struct migc_err *e);
/* The order Alembic runs set in (order: n ints, *norder of them), and a
   refusal where Alembic could not keep the version rows step by step in
   that order from rows cur. */
int plan_check_rows(struct rt *rt, const char *word, const int *cur, int ncur,
                    const unsigned char *set, bool upgrade, int *order, int *norder,
                    struct migc_err *e);
/* What offline upgrade or downgrade --sql RANGE runs, as Alembic's
   offline mode does: RANGE is TO, or FROM:TO where the database is taken
   to be at FROM (get_revision's one revision; base: empty), its rows
   *cur (n ints); order (n ints) the revisions run, *norder of them. The
   migrator's --sql and migc sql both plan through it. */
int plan_offline(struct rt *rt, const char *range, bool upgrade, int *cur, int *ncur, int *order,
                 int *norder, struct migc_err *e);
/* The revisions history -r START:END lists (set, n bytes), as Alembic's
   walk_revisions: what END needs that START does not hold, START
   included, kept to START's descendants; base and heads when empty.
   START must lie below END. */
int plan_history(struct rt *rt, const char *start, const char *end, unsigned char *set,
                 struct migc_err *e);
/* The one revision word names, as Alembic's get_revision reads it (show):
   an id, label or prefix, head, heads when there is one, LABEL@head,
   BRANCH@REV. Base and several heads are errors. */
int plan_revision(struct rt *rt, const char *word, int *rev, struct migc_err *e);
/* The version rows stamp word leaves, from rows cur: rows (n ints). */
int plan_stamp(struct rt *rt, const char *word, const int *cur, int ncur, int *rows, int *nrows,
               struct migc_err *e);

/* ---- dotenv.c / dburl.c --------------------------------------------- */

/* Looks key up in the .env file at path: *value NULL when the file or the
   key is absent, else the value (rt's) and *line the line that defines it
   (later definitions win, as in a shell). The file is checked whole:
   KEY=VALUE lines, optional "export ", single quotes (literal), double
   quotes (\n \t \" \\ escapes), # comments, blank lines, a UTF-8
   byte-order mark at the start. A line that is none of these, an unclosed
   quote or a NUL byte is an error (EXIT_USAGE) whose where is "path:LINE";
   the value is never quoted in it. */
int dotenv_lookup(struct rt *rt, const char *path, const char *key, const char **value,
                  int *line, struct migc_err *e);
/* The same over the text of a .env file (len bytes, not NUL-terminated);
   path names it in errors. */
int dotenv_parse(struct rt *rt, const char *path, const char *text, size_t len,
                 const char *key, const char **value, int *line, struct migc_err *e);

enum { DBURL_MAX_SECRETS = 16 };

struct dburl {
    const char *url;           /* as given; NULL: none was given */
    /* Where it came from: "--database-url", "the environment variable X",
       ".env:LINE" or "the build's default". */
    const char *source;
    int dialect;
    const char *target;        /* sqlite: the file name or ":memory:"; pg: the URL */
    /* Every spelling the password may have in text that quotes the URL
       (as written, percent-decoded, each reading of where it ends): what
       dburl_scrub hides. rt's. */
    const char *secrets[DBURL_MAX_SECRETS];
    int nsecrets;
};

/* The URL from the first place that has one: the option, the environment
   variable, the .env file in the working directory, the project's default.
   0 with u->url NULL when none has one. -1 (EXIT_USAGE) for a malformed
   .env or a URL that cannot be used: the message says where the URL came
   from and what is wrong, never the URL. */
int dburl_find(struct rt *rt, const char *option, struct dburl *u, struct migc_err *e);
/* dburl_find, and an error (EXIT_USAGE) when no URL is given. */
int dburl_resolve(struct rt *rt, const char *option, struct dburl *u, struct migc_err *e);
/* Parses url (source: where it came from, for errors). Accepts
   sqlite:///PATH (sqlite:///:memory: for an in-memory database) and
   postgresql:// or postgres:// URLs; refuses an empty SQLite path, a
   libpq keyword/value string, and a userinfo whose unencoded '@' or '/'
   libpq would read otherwise than a person does. */
int dburl_parse(struct rt *rt, const char *url, const char *source, struct dburl *u,
                struct migc_err *e);
/* True when s has a URL's or a keyword/value string's form: a word that
   error messages must not echo. */
bool dburl_looks_like(const char *s);
/* The only way a URL reaches output: url with every reading of its
   password replaced by "***"; a URL that does not parse becomes a phrase
   saying so. rt's. */
const char *dburl_display(struct rt *rt, const char *url);
/* Hides, in place, every spelling of u's password in s (a message that
   may quote the URL, such as libpq's). */
void dburl_scrub(const struct dburl *u, char *s);
/* The same for one secret (a password as another reader parsed it). */
void dburl_scrub_secret(const char *secret, char *s);

/* ---- bookkeeping.c: the version table and the applied table ---------- */

struct applied_row {
    const char *revision, *checksum, *applied_at, *migrator;
    long duration_ms;
};

/* A transaction none migration that did not finish: it runs outside a
   transaction, so its statements before the failing one stay applied.
   state "running" while it runs (a row left so means the migrator was
   killed or lost its connection: statement ran + 1 may have run too),
   "failed" when a statement failed. */
struct failed_row {
    const char *revision, *direction, *state, *error, *at;
    int ran, total;
};

struct db {
    const struct migc_driver *drv;
    void *conn;
    const char *vt;            /* version table */
    const char *schema;        /* --schema, or NULL */
    const char *at;            /* applied table: vt + "_applied" */
    const char *ft;            /* failed table: vt + "_failed", only while one is recorded */
    /* Set before bookkeeping_read to leave the applied table unread, for
       commands that show only the current revisions: on SQLite it is tens
       of pages at 1,000 migrations, a sixth of what `current` reads. */
    bool skip_applied;
    /* read by bookkeeping_read */
    char **rows;               /* version_num values as stored */
    int nrows;
    struct applied_row *applied;
    int napplied;
    struct failed_row *failed;
    int nfailed;
};

/* Creates both tables when absent (inside the caller's transaction), and
   db->schema first when set. */
int bookkeeping_ensure(struct rt *rt, struct db *db, struct migc_err *e);
/* Reads the version table's rows and the applied table (unless
   db->skip_applied), when they exist (an absent table reads as empty). */
int bookkeeping_read(struct rt *rt, struct db *db, struct migc_err *e);
/* Resolves the rows to revision indexes (topological order). An id the
   project lacks is "Can't locate revision identified by 'X'" (EXIT_DB)
   with the hint and the rows. */
int bookkeeping_current(struct rt *rt, const struct db *db, int *out, int *nout,
                        struct migc_err *e);
/* The applied row of revision id, or NULL. */
const struct applied_row *bookkeeping_applied(const struct db *db, const char *id);
/* Replaces the version table's rows by heads. */
int bookkeeping_set_heads(struct rt *rt, struct db *db, const int *heads, int nheads,
                          struct migc_err *e);
int bookkeeping_record(struct rt *rt, struct db *db, int rev, long duration_ms,
                       struct migc_err *e);
int bookkeeping_forget(struct rt *rt, struct db *db, const char *id, struct migc_err *e);
/* One step's bookkeeping in one round trip: the version table's rows
   replaced by heads, and rev's applied row recorded (upgrade) or removed. */
int bookkeeping_step(struct rt *rt, struct db *db, const int *heads, int nheads, int rev,
                     bool upgrade, long duration_ms, struct migc_err *e);
/* The failed row of revision id, or NULL. */
const struct failed_row *bookkeeping_failed(const struct db *db, const char *id);
/* Records (creating the failed table when absent) that rev's script in
   one direction is running or has failed with ran of its statements run;
   error NULL while running. In the caller's transaction, or on its own. */
int bookkeeping_mark(struct rt *rt, struct db *db, int rev, bool upgrade, const char *state,
                     int ran, const char *error, struct migc_err *e);
/* Forgets every failed row (and drops the table): stamp, or a finished
   migration (only its own row: id non-NULL). */
int bookkeeping_unmark(struct rt *rt, struct db *db, const char *id, struct migc_err *e);
/* Replaces the checksum recorded for revision id by rev's. */
int bookkeeping_rechecksum(struct rt *rt, struct db *db, int rev, struct migc_err *e);
/* SQL text of the bookkeeping for --sql output. */
const char *bookkeeping_create_sql(struct rt *rt, const char *vt, int table);
/* s as an SQL string literal (quotes doubled), in rt's memory. */
const char *bookkeeping_literal(struct rt *rt, const char *s);

/* ---- resume.c: whether a statement already took effect -------------- */

enum resume_verdict {
    RESUME_RUN,                /* its effect is not there: run it */
    RESUME_DONE,               /* its effect is there: do not run it again */
    RESUME_REDO,               /* an invalid index it left: run redo_sql, then it */
    RESUME_UNKNOWN,            /* migc cannot check it */
};
struct resume_probe {
    enum resume_verdict verdict;
    const char *found;         /* what the catalog showed, for a person */
    const char *redo_sql;      /* RESUME_REDO: drops the invalid index */
    bool partial;              /* RESUME_UNKNOWN of a statement understood, only
                                  part of whose effect is there */
};
/* Reads what statement sql (as migc renders it) creates or drops, and
   looks for it among the live catalog's facts. Strings are rt's. Never
   fails: what it cannot read is RESUME_UNKNOWN. */
enum resume_verdict resume_probe(struct rt *rt, const char *sql, const struct drift_facts *have,
                                 struct resume_probe *out);

/* ---- session.c: a command's connection, lock and state --------------- */

struct run_opts {
    const char *url_option;
    const char *dialect;       /* --dialect, for --sql without a URL */
    bool sql;                  /* --sql: print, do not run */
    bool no_client_settings;   /* --no-client-settings: no \set ON_ERROR_STOP / .bail */
    bool all;                  /* --transaction all */
    bool purge;
    bool json;
    const char *range;         /* history -r */
    bool graph;                /* history --graph */
    enum graphpic_format graph_format; /* history --format */
    int lock_timeout_s;        /* -1: not given (60) */
    const char *schema;        /* --schema */
    bool lock;                 /* the command writes: take the run's lock */
    bool create;               /* the command may create the database (upgrade, stamp) */
    /* --statement-lock-timeout in ms, else the build's default; 0: none */
    long statement_lock_timeout_ms;
    int retries;               /* --retries: a migration that timed out waiting */
    bool rehearse;             /* --rehearse: run the range, then roll it back */
    bool skip_nontransactional; /* --skip-nontransactional, with --rehearse */
};

struct session {
    struct dburl url;
    struct db db;
    int *current;              /* current heads, topological order */
    int ncurrent;
    unsigned char *applied;    /* ancestors of current */
    long lock_timeout_ms;      /* the statement lock timeout; 0: none */
    /* The statement that failed last, and its revision (NULL, -1: none,
       or the failure was not a statement's). */
    const struct migc_stmt *failed_stmt;
    int failed_rev;
};

/* Milliseconds on a monotonic clock. */
long session_now_ms(void);
/* "sqlite" or "postgres", as --dialect spells it. */
const char *session_dialect_name(int d);
/* Resolves the URL, refuses a dialect the migrator was built without,
   opens the connection and, with o->lock, takes the run's lock (waiting
   up to --lock-timeout). On failure nothing stays open. */
int session_open(struct rt *rt, const struct run_opts *o, struct session *s, struct migc_err *e);
void session_close(struct session *s);
/* The shared end of a command that failed inside its session: undo the
   open transaction, close, report, and give the exit status. */
int session_fail(struct session *s, struct migc_err *e);
/* Reads the version table and computes current and applied. */
int session_read(struct rt *rt, struct session *s, struct migc_err *e);
/* Pending: revisions not applied that some head needs, topological order;
   fills out (n ints) and returns the count. */
int session_pending(struct rt *rt, const struct session *s, int *out);
/* For a database with no revision recorded: the names of its tables
   other than migc's own (the first three, then how many more), or NULL
   when it has none or they cannot be read. rt's. */
const char *session_unrecorded_tables(struct rt *rt, struct session *s);

/* ---- report.c: what several commands say about the state ------------- */

/* The ids of v joined by ", "; empty when n is 0. rt's. */
const char *report_ids(struct rt *rt, const int *v, int n, const char *empty);
/* Revision r's parents as report_ids gives them, "<base>" for none. */
const char *report_parents(struct rt *rt, int r);
/* Says on stderr what a recorded half-run transaction none migration
   left and how to go on; d is the dialect whose script ran. prefix:
   "error: ", "warning: " or "". */
void report_failed(struct rt *rt, const struct failed_row *f, int d, const char *prefix);
/* The ids of v, or the strings of v, as a JSON array. */
void report_json_ids(struct rt *rt, struct sb *b, const int *v, int n);
void report_json_strs(struct sb *b, const char *const *v, int n);
/* Warns on stderr that the database is not up to date, naming pending. */
void report_pending(struct rt *rt, const int *pending, int npending);
/* The hint for a database that has tables but no revision recorded. */
const char *report_adopt_hint(struct rt *rt, const char *tables);

/* ---- expected.c: the schema the migrations leave ------------------- */

/* The objects (n bytes: indexes into objects[d]) of a database at heads:
   a three-way merge against their latest common ancestor. rt's. */
unsigned char *expected_schema(struct rt *rt, int d, const int *heads, int nheads);
/* The SQL of objs in an order that applies (*out, rt's); returns the
   count. */
int expected_sql(struct rt *rt, int d, const unsigned char *objs, const char ***out);
/* The objects of objs compared by existence only (no SQL: what sql blocks
   declared, and indexes on tables they created). Strings are rt's. */
int expected_exists(struct rt *rt, int d, const unsigned char *objs,
                    const struct drift_exists **out);

/* ---- apply.c / inspect.c / verify.c: the database commands ---------- */

int apply_upgrade(struct rt *rt, const char *target, const struct run_opts *o);
int apply_downgrade(struct rt *rt, const char *target, const struct run_opts *o);
int apply_stamp(struct rt *rt, const char *target, const struct run_opts *o);
int apply_repair(struct rt *rt, const struct run_opts *o);
int inspect_current(struct rt *rt, const struct run_opts *o);
int inspect_history(struct rt *rt, const struct run_opts *o);
int inspect_heads(struct rt *rt, const struct run_opts *o);
int inspect_branches(struct rt *rt, const struct run_opts *o);
int inspect_show(struct rt *rt, const char *rev, const struct run_opts *o);
int inspect_schema(struct rt *rt, const struct run_opts *o);
int verify_check(struct rt *rt, const struct run_opts *o);

/* ---- history_graph.c: history --graph -------------------------------- */

/* Draws the revisions marked in show (rt->n bytes) and the arrows between
   them on stdout in format f. With applied (rt->n bytes, NULL when no
   database was read), marks which are applied and which of them are
   current (current[0..ncurrent)). Never fails. */
void history_graph_print(struct rt *rt, const unsigned char *show, const int *current,
                         int ncurrent, const unsigned char *applied, enum graphpic_format f);

/* ---- duration.c: durations as options spell them ------------------- */

/* "500ms", "5s", "2min", "1h" or a bare number of seconds, at most a day,
   into *ms. -1 when s is none of these. */
int duration_parse(const char *s, long *ms);
/* ms as a person reads it: "1 s", "1.5 s", "500 ms", "2 min". rt's. */
const char *duration_format(struct rt *rt, long ms);

/* ---- locks.c: the locks a migration waits for and takes --------------- */

/* Makes each statement that follows wait at most s->lock_timeout_ms for a
   lock (nothing when 0): PostgreSQL's lock_timeout, for the open
   transaction when local, else for the session (a transaction none
   migration). SQLite's busy timeout is set when the connection opens. */
int locks_set_timeout(struct session *s, bool local, struct migc_err *e);
/* Whether e is a statement (or BEGIN, COMMIT) that gave up waiting for a
   lock: PostgreSQL's SQLSTATE 55P03, SQLite's "database is locked". */
bool locks_timed_out(const struct migc_err *e);
/* After such a failure, and after the rollback: names in e what held the
   lock (PostgreSQL: the tables s->failed_stmt names that another session
   holds a lock on, with its process, mode and state; SQLite: the file)
   and how long the migrator waited. *holder (rt's) gets the short form
   for a retry's message. Never fails: what it cannot read, it leaves
   out. */
void locks_explain(struct rt *rt, struct session *s, struct migc_err *e, const char **holder);

/* A relation's lock in the rehearsal's report: its name ("posts", or
   "sequence posts_id_seq" for what is not a table), its oid and mode
   ("ACCESS EXCLUSIVE"). */
struct lock_held {
    const char *relation, *oid, *mode;
};
/* PostgreSQL: the strongest lock the connection holds on each table,
   view and sequence of the user's schemas (version tables, indexes and
   system catalogs left out), sorted by name; SQLite: none. *out is
   rt's. */
int locks_held(struct rt *rt, struct session *s, struct lock_held **out, int *n,
               struct migc_err *e);
/* PostgreSQL: every table, view and sequence of the user's schemas, named
   as locks_held names them, with its oid (as text, sorted as bytes) and
   no mode; SQLite: none. *out is rt's. locks_held gives a relation
   dropped since no name (NULL). */
int locks_relations(struct rt *rt, struct session *s, struct lock_held **out, int *n,
                    struct migc_err *e);

/* ---- rehearse.c: upgrade and downgrade --rehearse --------------------- */

/* Runs the revisions of order (n: norder, the plan's) that are still to
   apply (upgrade) or revert in the session's open transaction, each
   under a savepoint, reports per migration and in total (o->json: as
   JSON on stdout), rolls everything back and closes the session. Returns
   the exit status: 0 when every migration ran, 1 when one failed or the
   range holds a transaction none migration (without
   o->skip_nontransactional). */
int rehearse_run(struct rt *rt, struct session *s, const int *order, int norder, bool upgrade,
                 const struct run_opts *o);

#endif
