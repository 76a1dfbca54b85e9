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

#define MIGC_ABI_VERSION 3

/* Dialect indexes into the per-dialect arrays below. */
enum { MIGC_SQLITE = 0, MIGC_POSTGRES = 1, MIGC_NDIALECTS = 2 };

/* One SQL statement (no trailing semicolon) and the .mig place it came
   from, for error messages: file is relative to the migrations directory. */
struct migc_stmt {
    const char *sql;
    const char *file;
    int line;
};

struct migc_script {
    const struct migc_stmt *stmts;
    int n;
};

/* The expected schema is stored as a change against the revision's first
   parent (or the empty schema for a root): indexes into
   migc_project.objects[dialect] added and removed. The runtime rebuilds a
   revision's schema by walking its first-parent line. */
struct migc_schema_delta {
    const int *add;
    int nadd;
    const int *drop;
    int ndrop;
};

struct migc_revision {
    const char *id;
    /* What it revises (as written) and depends on, as indexes into
       migc_project.revisions, each before this one: the graph is resolved
       when the migrator is built, not at every start. No parents: a root. */
    const int *parents;
    int nparents;
    const int *deps;
    int ndeps;
    const char *const *labels;         /* branch labels written on it */
    int nlabels;
    const char *message;
    const char *created;               /* NULL when not given */
    const char *file;                  /* relative to the migrations directory */
    const char *checksum;              /* SHA-256 of the canonical form, hex */
    int transaction_none;
    int irreversible;                  /* downgrade irreversible; */
    struct migc_script upgrade[MIGC_NDIALECTS];
    struct migc_script downgrade[MIGC_NDIALECTS];
    struct migc_schema_delta schema[MIGC_NDIALECTS];
};

/* One object of an expected schema: its kind ("table", "index", "view"),
   name and the SQL that creates it. */
struct migc_object {
    const char *kind;
    const char *name;
    const char *sql;
};

struct migc_project {
    int abi;                           /* MIGC_ABI_VERSION */
    const char *name;                  /* shown in --help and --version */
    const char *migc_version;          /* the migc that generated the data */
    const char *version_table;         /* default "migc_version" */
    const char *default_url;           /* NULL: none */
    const char *url_env;               /* default "DATABASE_URL" */
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

/* Runs the migrator's command line over project. Returns the exit status:
   0 success, 1 a database or migration error, 2 bad usage or an unknown or
   ambiguous target, 3 `check` found a difference. */
int migc_main(const struct migc_project *project, int argc, char **argv);

#ifdef __cplusplus
}
#endif

#endif
