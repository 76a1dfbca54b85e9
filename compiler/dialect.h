/* The SQL dialects as data: one struct dialect each (its names, its bit in
   a targets mask, its index in the migrator ABI, its type names, its
   ALTER TABLE and its quirks), defined beside its ALTER TABLE in its
   render file, and the table of them. Shared code asks a dialect what to
   do and never names one, so a new dialect is one file and one entry. */
#ifndef MIGC_DIALECT_H
#define MIGC_DIALECT_H

#include <stdbool.h>

#include "arena.h"

struct constraint;
struct expr;
struct expr_style;
struct schema;
struct stmt;
struct table;

/* Rules the checks apply when a dialect is a target (struct dialect's
   rules; dialect_rules). */
enum {
    DIALECT_IDENTITY_INTEGER = 1 << 0, /* identity only on smallint, integer, bigint */
    DIALECT_IDENTITY_ROWID = 1 << 1,   /* identity only on the single integer primary key */
    DIALECT_LOCKS = 1 << 2,            /* DDL takes the locks lint's lock rules watch */
    DIALECT_POSTGRES_ONLY_REFUSED = 1 << 3, /* what LANGUAGE.md marks PostgreSQL only is an error */
    /* An enum value is dropped by moving every column to a new type,
       which a column a view reads cannot be. */
    DIALECT_ENUM_RETYPE = 1 << 4,
};

struct dialect {
    const char *name;          /* "sqlite": --dialect, `sql sqlite`, the generated C's names */
    const char *alias;         /* another --dialect word for it, or NULL */
    unsigned target;           /* its bit in a targets mask: 1u << abi */
    int abi;                   /* its index in the migrator's per-dialect arrays
                                  (MIGC_SQLITE, ... of migc_migrator.h) */
    const char *abi_name;      /* how the generated C spells abi: "MIGC_SQLITE" */
    /* SQL type names, TYPE_NKINDS of them indexed by enum type_kind; a
       NULL one is the .mig name in upper case. */
    const char *const *types;
    /* Words that cannot be a bare name, sorted (strcmp) for bsearch. */
    const char *const *reserved;
    int nreserved;
    const char *identity;      /* after an identity column's type ("" when the
                                  dialect marks identity otherwise) */
    bool concurrent_index;     /* CREATE INDEX CONCURRENTLY exists */
    /* References are checked at CREATE TABLE, so a cycle of foreign keys
       is closed by ALTER TABLE ... ADD once every table exists. */
    bool late_foreign_keys;
    unsigned rules;            /* DIALECT_IDENTITY_INTEGER, ... */
    /* Appends (struct sql_stmt *) to out: the SQL of the ALTER TABLE
       statement st from schema before to after (render_stmt's contract). */
    void (*alter)(struct arena *a, const struct schema *before, const struct schema *after,
                  const struct stmt *st, struct vec *out);
    /* expr_print's put_special hook: e in the dialect's own spelling, or
       false for the common one. NULL: always the common one. */
    bool (*put_special)(struct strbuf *b, const struct expr_style *es, const struct expr *e);
    /* The single-column primary key of t that goes with its column, as
       "TYPE NOT NULL CONSTRAINT name PRIMARY KEY", and not among the
       table's constraints; NULL when t has none such. NULL: never. */
    const struct constraint *(*column_key)(const struct table *t);
    /* A serial column owns a sequence named as PostgreSQL names it
       (T_C_seq), which renaming the table or column renames along. */
    bool serial_sequence;
    /* No enum types: a column of one is its types[TYPE_ENUM] with a check
       that it holds one of the values (render_create_table), and a change
       of the values rebuilds the tables using it through alter. */
    bool enum_as_check;
    const char *title;         /* as messages name it: "SQLite" */
    /* Indexes take USING, operator classes, NULLS FIRST/LAST and INCLUDE;
       without, the model's btree index renders without them. */
    bool index_options;
    /* Constraints can be NOT VALID (added without checking the rows);
       without, not valid is ignored. */
    bool not_valid;
    /* CREATE EXTENSION exists (replay refuses one elsewhere). */
    bool extensions;
    /* COMMENT ON exists; without, comments stay in the model only. */
    bool comments;
    /* DROP TABLE and DROP COLUMN are preceded by a DROP INDEX of each
       index that goes with them (SQLite cannot drop an indexed column);
       without, the database drops them itself. */
    bool drop_indexes_first;
    /* The dialect has the collation named (as the model spells it), which
       put_special spells its own way where it must. */
    bool (*has_collation)(const char *name);
};

/* Every dialect, indexed by ABI index: dialect_table[i]->abi == i. */
extern const struct dialect *const dialect_table[];
extern const int dialect_count;

/* The dialect named or aliased name, or NULL. */
const struct dialect *dialect_find(const char *name);

/* The targets mask of every dialect. */
unsigned dialect_all(void);

/* The one dialect of a mask that holds exactly one, else NULL. */
const struct dialect *dialect_only(unsigned targets);

/* The union of the rules of the dialects in targets. */
unsigned dialect_rules(unsigned targets);

/* The first dialect of targets whose rules hold rule, or NULL. */
const struct dialect *dialect_with_rule(unsigned targets, unsigned rule);

/* Appends every dialect's name after before, as "before sqlite or before
   postgres" (before "--dialect ": a hint's list of choices). */
void dialect_put_choices(struct strbuf *b, const char *before);

#endif
