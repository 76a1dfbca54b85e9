/* The schema model: the tables, indexes and views a database holds after a
   revision. It knows no SQL dialect and no command line. Describing its
   objects for messages, comparing two schemas and merging branches live
   beside it (schema_describe.h, schema_compare.h, schema_merge.h).

   A schema is a persistent (immutable) value: every change returns a new
   schema that shares everything unchanged with the old one, so keeping the
   schema after every revision of a 10,000-migration history costs
   O(changes), not O(revisions x objects). Objects (tables, columns,
   constraints, indexes, views) are immutable too: to change a table, copy
   it (table_copy), edit the copy, and put it back.

   Everything lives in the arena passed in; nothing is ever freed on its
   own. Lookups are case-insensitive (name_eq). Iteration is in name order,
   so output built from a schema is deterministic. */
#ifndef MIGC_SCHEMA_H
#define MIGC_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "ast.h"

struct column {
    const char *name;
    struct type type;
    bool not_null;
    bool identity;
    const struct expr *dflt;   /* NULL: no default */
    struct loc loc;            /* where it was added or last changed */
    const struct expr *generated; /* generated always as (expr) stored, or NULL */
    const char *comment;       /* comment on column, or NULL */
};

struct constraint {
    const char *name;          /* always set: written or PostgreSQL's default */
    enum constraint_kind kind;
    const char **cols;         /* own columns; ncols == 0 for CHECK */
    int ncols;
    const char *ref_table;     /* FOREIGN KEY */
    const char **ref_cols;     /* FOREIGN KEY: resolved (never empty) */
    int nref_cols;
    enum fk_action on_delete, on_update;
    const struct expr *check;  /* CHECK */
    struct loc loc;
    bool deferrable, initially_deferred;
    bool not_valid;            /* added not valid and not validated since */
    bool nulls_not_distinct;   /* UNIQUE */
};

struct table {
    const char *name;
    const struct column **cols;        /* in definition order */
    int ncols;
    const struct constraint **cons;    /* in definition order */
    int ncons;
    struct loc loc;                    /* where it was created or last changed */
    const char *comment;               /* comment on table, or NULL */
};

struct index {
    const char *name;
    const char *table;
    bool unique;
    const struct index_elem **elems;
    int nelems;
    const struct expr *where;          /* partial index predicate, or NULL */
    struct loc loc;
    const char *method;                /* using METHOD (lower case), or NULL: btree */
    const char **include;              /* include (cols) */
    int ninclude;
};

/* A view's body is SQL the model does not parse; deps are what compiling it
   in SQLite reported that it reads (see viewcheck.h), used to refuse
   dropping or renaming something a view still uses. */
struct view_dep {
    const char *table;                 /* a table or view */
    const char *column;                /* NULL: the relation as a whole */
};

/* A view for one dialect (create view V postgres as ...) has only set;
   one name may have such a view for each dialect, chained through also
   in the order of their only masks. A materialized view (PostgreSQL's)
   is a view too, sharing the name: its columns are not known, and
   indexes may be made on it. */
struct view {
    const char *name;
    const char *body;
    const struct view_dep *deps;       /* NULL and 0 when not compiled */
    int ndeps;
    struct loc loc;
    unsigned only;                     /* targets mask of its one dialect; 0: every dialect */
    bool materialized;
    bool no_data;                      /* created with no data: how, not what; not compared */
    const struct view *also;           /* the name's view for another dialect, or NULL */
};

/* An enum type: its values in order. */
struct enum_type {
    const char *name;
    const char **values;
    int nvalues;
    struct loc loc;                    /* where it was created or last changed */
};

/* A PostgreSQL extension: database-wide, in a namespace of its own. */
struct extension {
    const char *name;
    const char *schema;                /* create extension ... schema S, or NULL */
    struct loc loc;                    /* where it was created */
};

enum rel_kind { REL_NONE, REL_TABLE, REL_VIEW, REL_INDEX, REL_CONSTRAINT, REL_TYPE,
                REL_EXTENSION };

struct schema;

/* The empty schema. Never fails. */
const struct schema *schema_empty(void);

/* ---- lookups: NULL when absent; results live in the arena; never fail */
const struct table *schema_find_table(const struct schema *s, const char *name);
const struct index *schema_find_index(const struct schema *s, const char *name);
/* A view by name: the first of the name's versions when it has one per
   dialect (view_on picks one). */
const struct view *schema_find_view(const struct schema *s, const char *name);
/* The version of view v (as schema_find_view gives it; NULL allowed) that
   exists on a dialect of targets, or NULL. */
const struct view *view_on(const struct view *v, unsigned targets);
/* Tables, views, indexes, primary-key/unique constraints and types share
   one namespace, as relations and their row types do in PostgreSQL. Returns what holds name, and
   for REL_CONSTRAINT stores the owning table in *owner (owner may be NULL). */
enum rel_kind schema_find_relation(const struct schema *s, const char *name,
                                   const struct table **owner);

const struct column *table_find_column(const struct table *t, const char *name);
int table_column_index(const struct table *t, const char *name);    /* -1 when absent */
const struct constraint *table_find_constraint(const struct table *t, const char *name);
/* The primary key constraint, or NULL. */
const struct constraint *table_primary_key(const struct table *t);

/* ---- enum types ------------------------------------------------------- */
const struct enum_type *schema_find_type(const struct schema *s, const char *name);
/* All enum types, in name order, as schema_tables does. */
int schema_types(const struct schema *s, struct arena *a, const struct enum_type ***out);
const struct schema *schema_put_type(struct arena *a, const struct schema *s,
                                     const struct enum_type *e);
const struct schema *schema_remove_type(struct arena *a, const struct schema *s, const char *name);
/* The index of value in e (exact, as PostgreSQL compares labels), or -1. */
int enum_value_index(const struct enum_type *e, const char *value);
bool schema_type_eq(const struct enum_type *x, const struct enum_type *y);

/* ---- extensions ------------------------------------------------------- */
const struct extension *schema_find_extension(const struct schema *s, const char *name);
/* All extensions, in name order. */
int schema_extensions(const struct schema *s, struct arena *a, const struct extension ***out);
const struct schema *schema_put_extension(struct arena *a, const struct schema *s,
                                          const struct extension *x);
const struct schema *schema_remove_extension(struct arena *a, const struct schema *s,
                                             const char *name);
bool schema_extension_eq(const struct extension *x, const struct extension *y);

/* ---- iteration, in name order ---------------------------------------- */
int schema_table_count(const struct schema *s);
/* Fills a fresh arena array with all tables (or indexes, views) in name
   order and returns the count. */
int schema_tables(const struct schema *s, struct arena *a, const struct table ***out);
int schema_indexes(const struct schema *s, struct arena *a, const struct index ***out);
int schema_views(const struct schema *s, struct arena *a, const struct view ***out);
/* The views on a dialect of targets (the version for it of each name). */
int schema_views_on(const struct schema *s, unsigned targets, struct arena *a,
                    const struct view ***out);
/* Indexes on one table, in name order. */
int schema_indexes_on(const struct schema *s, const char *table, struct arena *a,
                      const struct index ***out);
/* Tables with a foreign key referencing table (itself included when it
   references itself), in name order. */
int schema_referrers(const struct schema *s, const char *table, struct arena *a,
                     const struct table ***out);

/* ---- changes: each returns a new schema; s is untouched ------------- */
/* put replaces an object of the same name (case-insensitively) or adds it. */
const struct schema *schema_put_table(struct arena *a, const struct schema *s, const struct table *t);
const struct schema *schema_remove_table(struct arena *a, const struct schema *s, const char *name);
const struct schema *schema_put_index(struct arena *a, const struct schema *s, const struct index *ix);
const struct schema *schema_remove_index(struct arena *a, const struct schema *s, const char *name);
const struct schema *schema_put_view(struct arena *a, const struct schema *s, const struct view *v);
const struct schema *schema_remove_view(struct arena *a, const struct schema *s, const char *name);

/* A shallow copy whose column and constraint arrays may be edited with
   the helpers below (the elements themselves stay shared). */
struct table *table_copy(struct arena *a, const struct table *t);
void table_add_column(struct arena *a, struct table *t, const struct column *c);
void table_replace_column(struct table *t, int i, const struct column *c);
void table_remove_column(struct table *t, int i);
void table_add_constraint(struct arena *a, struct table *t, const struct constraint *c);
void table_remove_constraint(struct table *t, int i);

/* ---- equality --------------------------------------------------------- */

/* The same object, as the model compares them: by name (case-insensitive)
   and definition, locations aside; a table's column order aside. Either
   may be NULL (equal only when both are). */
bool schema_column_eq(const struct column *x, const struct column *y);
bool schema_constraint_eq(const struct constraint *x, const struct constraint *y);
bool schema_table_eq(const struct table *x, const struct table *y);
bool schema_index_eq(const struct index *x, const struct index *y);
bool schema_view_eq(const struct view *x, const struct view *y);
/* One version of a view (schema_view_eq compares every version). */
bool schema_view_version_eq(const struct view *x, const struct view *y);

/* A view body (NULL reads as empty) without leading and trailing white
   space: *start and the length returned. */
size_t schema_view_text(const char *body, const char **start);

/* ---- differences and merges ------------------------------------------- */

/* Calls fn for every table, index and view that differs as an object
   (pointer) between a and b: old is a's (NULL when added), new is b's
   (NULL when dropped); kind is REL_TABLE, REL_INDEX, REL_VIEW or
   REL_TYPE or REL_EXTENSION. Shared parts are skipped, so two schemas one
   revision apart cost O(changes x log n). Order: tables, then indexes,
   then views, then types, then extensions, each by name. */
typedef void schema_object_diff_fn(void *ctx, enum rel_kind kind, const void *old,
                                   const void *new_);
void schema_diff_objects(struct arena *ar, const struct schema *a, const struct schema *b,
                         schema_object_diff_fn *fn, void *ctx);

/* Decides one table, index or view that differs (as pointers) in base,
   ours and theirs (each NULL where absent): returns the merged object, or
   NULL to drop it. */
typedef const void *schema_resolve_fn(void *ctx, const char *name, const void *base,
                                      const void *ours, const void *theirs);
struct schema_resolvers {
    schema_resolve_fn *table, *index, *view;
    void *ctx;
    schema_resolve_fn *type;
    schema_resolve_fn *extension; /* NULL: ours */
};

/* The object-by-object three-way merge of base, ours and theirs: an object
   only one side changed takes that side; one both changed is what the
   resolver of its kind decides (the policy is schema_merge.h's). Shared
   parts are not walked. Never fails. */
const struct schema *schema_merge_maps(struct arena *a, const struct schema *base,
                                       const struct schema *ours, const struct schema *theirs,
                                       const struct schema_resolvers *rs);

/* Default constraint names, as PostgreSQL gives them: T_pkey,
   T_col1_col2_key, T_col1_col2_fkey, T_col_check (pass the one column a
   check uses, or none for T_check). Like PostgreSQL, shortens the table
   and column parts so that the name fits in 63 bytes. Never fails. */
/* The sequence PostgreSQL makes for serial column column of table:
   table_column_seq, shortened as its other default names are. In a. */
const char *schema_serial_sequence_name(struct arena *a, const char *table, const char *column);

const char *schema_default_constraint_name(struct arena *a, const char *table,
                                           enum constraint_kind kind,
                                           const char *const *cols, int ncols);

#endif
