/* The migrator's public interface: what `migc emit-c` generates and the
   runtime library (libmigc_runtime.a) consumes.

   A generated file holds only static const data built from these structs,
   and one main() that hands it to migc_main. All knowledge of a project
   (its revisions, their SQL per dialect, the expected schema) is data;
   the runtime holds the one loop that applies it. Nothing here is ever
   written to or freed: the runtime treats the project as read-only.

   The layout may grow; MIGC_ABI_VERSION changes when it does, and
   migc_main refuses a project built for another version (exit 1). */
#ifndef MIGC_MIGRATOR_H
#define MIGC_MIGRATOR_H

#ifdef __cplusplus
extern "C" {
#endif

#define MIGC_ABI_VERSION 5

/* Dialect indexes into the per-dialect arrays below. */
enum { MIGC_SQLITE = 0, MIGC_POSTGRES = 1, MIGC_NDIALECTS = 2 };

/* The data holds no pointers but the few in struct migc_project: every
   string is a byte offset into migc_project.strings (where it ends with a
   NUL), every list a start index into migc_project.lists, every script a
   run of migc_project.stmts. So a position-independent migrator has the
   same few relocations whatever the number of migrations, and the loader
   patches nothing per migration at start. Read it through the accessors
   at the end of this header. */

/* One SQL statement (no trailing semicolon) and the .mig place it came
   from, for error messages: file is relative to the migrations directory.
   sql and file are string offsets. */
struct migc_stmt {
    int sql;
    int file;
    int line;
};

/* The statements first .. first + n - 1 of migc_project.stmts. */
struct migc_script {
    int first;
    int n;
};

/* The expected schema is stored as a change against the revision's first
   parent (or the empty schema for a root): indexes into
   migc_project.objects[dialect] added and removed, nadd from lists[add]
   on and ndrop from lists[drop] on. The runtime rebuilds a revision's
   schema by walking its first-parent line. */
struct migc_schema_delta {
    int add;
    int nadd;
    int drop;
    int ndrop;
};

struct migc_revision {
    int id;                            /* string offset, as all text here */
    /* What it revises (as written) and depends on, as indexes into
       migc_project.revisions, each before this one, stored in lists from
       parents and deps on: the graph is resolved when the migrator is
       built, not at every start. No parents: a root. */
    int parents;
    int nparents;
    int deps;
    int ndeps;
    int labels;                        /* branch labels written on it: string offsets in lists */
    int nlabels;
    int message;
    int created;                       /* 0 when not given */
    int file;                          /* relative to the migrations directory */
    int checksum;                      /* SHA-256 of the canonical form, hex */
    int transaction_none;
    int irreversible;                  /* downgrade irreversible; */
    struct migc_script upgrade[MIGC_NDIALECTS];
    struct migc_script downgrade[MIGC_NDIALECTS];
    struct migc_schema_delta schema[MIGC_NDIALECTS];
};

/* One object of an expected schema: its kind ("table", "index", "view",
   "type", or "foreign key": on PostgreSQL a key to another table, added by
   ALTER TABLE after the tables and named by its table), name and the SQL
   that creates it, as string offsets. An object with no SQL (sql 0) is
   compared by existence only: one a sql block declared ("function",
   "trigger", ...), or an index on a table such a block created; table is
   the table it is on (0: none). */
struct migc_object {
    int kind;
    int name;
    int sql;
    int table;
};

struct migc_project {
    int abi;                           /* MIGC_ABI_VERSION */
    /* Every string of the project, each ending with a NUL. strings[0] is
       a NUL that no field uses but to say "none" (offset 0). */
    const char *strings;
    const int *lists;                  /* the lists the structs above index */
    const struct migc_stmt *stmts;     /* every script's statements */
    int name;                          /* shown in --help and --version */
    int migc_version;                  /* the migc that generated the data */
    int version_table;                 /* default "migc_version" */
    int default_url;                   /* 0: none */
    int url_env;                       /* default "DATABASE_URL" */
    unsigned dialects;                 /* 1 << MIGC_SQLITE | 1 << MIGC_POSTGRES */
    const struct migc_revision *revisions;   /* topological order */
    int nrevisions;
    /* Every index into revisions once, ordered by id (strcmp): ids and
       prefixes are looked up in it without sorting at start. */
    const int *by_id;
    /* Schema objects per dialect, in an order that applies; in the order
       of first appearance along revisions. */
    const struct migc_object *objects[MIGC_NDIALECTS];
    int nobjects[MIGC_NDIALECTS];
    /* How long a migration's statement waits for a lock unless the
       migrator is told otherwise (--statement-lock-timeout); 0: as long
       as the database lets it. */
    long statement_lock_timeout_ms;
};

/* The accessors: the one way the runtime reads the data. */

/* The string at offset off (never NULL). */
static inline const char *migc_string(const struct migc_project *p, int off)
{
    return p->strings + off;
}

/* An optional string: NULL for offset 0. */
static inline const char *migc_string_or_null(const struct migc_project *p, int off)
{
    return off ? p->strings + off : (const char *)0;
}

/* The list that starts at index at of p->lists. */
static inline const int *migc_list(const struct migc_project *p, int at)
{
    return p->lists + at;
}

/* The statements of a script (sc->n of them). */
static inline const struct migc_stmt *migc_script_stmts(const struct migc_project *p,
                                                         const struct migc_script *sc)
{
    return p->stmts + sc->first;
}

/* Revision i's id. */
static inline const char *migc_rev_id(const struct migc_project *p, int i)
{
    return p->strings + p->revisions[i].id;
}

/* Runs the migrator's command line over project. Returns the exit status:
   0 success, 1 a database or migration error, 2 bad usage or an unknown or
   ambiguous target, 3 `check` found a difference. */
int migc_main(const struct migc_project *project, int argc, char **argv);

#ifdef __cplusplus
}
#endif

#endif
