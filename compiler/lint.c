#include "lint.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "dialect.h"
#include "render.h"
#include "schema.h"
#include "schema_describe.h"
#include "types.h"

/* ---- rules ------------------------------------------------------------ */

enum rule {
    RULE_DROP_TABLE,
    RULE_DROP_COLUMN,
    RULE_NARROWING_TYPE,
    RULE_INDEX_NOT_CONCURRENT,
    RULE_FOREIGN_KEY_VALIDATION,
    RULE_CHECK_VALIDATION,
    RULE_SET_NOT_NULL,
    RULE_TYPE_REWRITE,
    RULE_VOLATILE_DEFAULT,
    RULE_UNIQUE_NOT_CONCURRENT,
    RULE_RENAME_BREAKS_CODE,
    RULE_REFRESH_NOT_CONCURRENT,
    RULE_COUNT
};

/* Ids as users write them in allow comments and --allow; docs/lint.md
   describes each. */
static const char *const rule_ids[RULE_COUNT] = {
    [RULE_DROP_TABLE] = "drop-table",
    [RULE_DROP_COLUMN] = "drop-column",
    [RULE_NARROWING_TYPE] = "narrowing-type",
    [RULE_INDEX_NOT_CONCURRENT] = "index-not-concurrent",
    [RULE_FOREIGN_KEY_VALIDATION] = "foreign-key-validation",
    [RULE_CHECK_VALIDATION] = "check-validation",
    [RULE_SET_NOT_NULL] = "set-not-null",
    [RULE_TYPE_REWRITE] = "type-rewrite",
    [RULE_VOLATILE_DEFAULT] = "volatile-default",
    [RULE_UNIQUE_NOT_CONCURRENT] = "unique-not-concurrent",
    [RULE_RENAME_BREAKS_CODE] = "rename-breaks-code",
    [RULE_REFRESH_NOT_CONCURRENT] = "refresh-not-concurrent",
};

/* PostgreSQL functions that are VOLATILE: a column added with one of
   them as its default gets a value per row, so the table is rewritten.
   now() and current_timestamp are STABLE (one value per statement) and
   cost nothing since PostgreSQL 11. */
static const char *const volatile_functions[] = {
    "random", "random_normal", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc",
    "uuid_generate_v4", "clock_timestamp", "timeofday", "nextval",
};

/* The rule named by the n bytes at id, or -1. */
static int rule_find(const char *id, size_t n)
{
    for (int i = 0; i < RULE_COUNT; i++)
        if (strlen(rule_ids[i]) == n && strncasecmp(rule_ids[i], id, n) == 0)
            return i;
    return -1;
}

bool lint_rule_known(const char *id)
{
    return rule_find(id, strlen(id)) >= 0;
}

void lint_put_rules(struct strbuf *b)
{
    for (int i = 0; i < RULE_COUNT; i++)
        strbuf_printf(b, "%s%s", i ? ", " : "", rule_ids[i]);
}

static const char *rule_list(struct arena *a)
{
    struct strbuf b = {0};
    lint_put_rules(&b);
    return strbuf_to_arena(&b, a);
}

/* ---- state ------------------------------------------------------------ */

/* A table (col NULL) or a column created by the revision being linted:
   it holds no rows that running code depends on, so lock and rename rules
   leave it alone. */
struct fresh {
    const char *table, *col;
};

/* A `-- migc:` comment line of the file being linted. */
struct directive {
    int line;
    size_t start, len;         /* the comment within the line, for the caret */
    bool attached;             /* directly above an upgrade statement or action */
};

struct lint {
    struct arena *a;
    struct diag *d;
    bool locks;                /* a target takes DDL locks: lock rules apply */
    unsigned allowed;          /* rules silenced project-wide */
    const char *file;          /* the migration being linted */
    struct vec directives;     /* struct directive * */
    struct vec fresh;          /* struct fresh * */
};

/* ---- allow comments --------------------------------------------------- */

static bool is_space(char ch)
{
    return ch == ' ' || ch == '\t';
}

static bool is_rule_char(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '-' || ch == '_';
}

/* Offset of the "--" that opens a line holding only a comment, or -1. */
static long comment_at(const char *text, size_t len)
{
    size_t i = 0;
    while (i < len && is_space(text[i]))
        i++;
    return i + 1 < len && text[i] == '-' && text[i + 1] == '-' ? (long)i : -1;
}

/* Offset just past "migc:" when the comment at `at` is a migc comment
   (`-- migc: ...`, any spacing, any case), or -1. */
static long migc_body(const char *text, size_t len, long at)
{
    size_t i = (size_t)at + 2;
    while (i < len && is_space(text[i]))
        i++;
    if (len - i < 4 || strncasecmp(text + i, "migc", 4) != 0)
        return -1;
    i += 4;
    while (i < len && is_space(text[i]))
        i++;
    return i < len && text[i] == ':' ? (long)i + 1 : -1;
}

static struct loc line_loc(const struct lint *l, int line, size_t col0, size_t len)
{
    return (struct loc){.file = l->file, .line = line, .col = (int)col0 + 1,
                        .len = len ? (int)len : 1};
}

/* The rules a migc comment allows (a bit per rule). With report set, a
   malformed comment or an unrecognized rule is warned about. */
static unsigned parse_allow(struct lint *l, const char *text, size_t len, int line, size_t i,
                            bool report)
{
    while (i < len && is_space(text[i]))
        i++;
    size_t w = i;
    while (i < len && is_rule_char(text[i]))
        i++;
    if (i - w != 5 || strncasecmp(text + w, "allow", 5) != 0) {
        if (report) {
            if (i == w)
                diag_warning(l->d, line_loc(l, line, w, 1),
                             "expected \"allow\" after \"migc:\"");
            else
                diag_warning(l->d, line_loc(l, line, w, i - w),
                             "unrecognized migc comment \"%.*s\"", (int)(i - w), text + w);
            diag_hint(l->d, "The one migc comment is \"-- migc: allow RULE[, RULE...]: "
                            "reason\", on the line above the statement it is about.");
        }
        return 0;
    }
    unsigned mask = 0;
    for (;;) {
        while (i < len && is_space(text[i]))
            i++;
        size_t r = i;
        while (i < len && is_rule_char(text[i]))
            i++;
        if (i == r) {
            if (report) {
                diag_warning(l->d, line_loc(l, line, r, 1), "expected a lint rule after \"%s\"",
                             mask ? "," : "allow");
                diag_hint(l->d, "The rules are %s.", rule_list(l->a));
            }
            return mask;
        }
        size_t rend = i;
        int k = rule_find(text + r, i - r);
        if (k >= 0) {
            mask |= 1u << k;
        } else if (report) {
            diag_warning(l->d, line_loc(l, line, r, i - r),
                         "unrecognized lint rule \"%.*s\" in allow comment", (int)(i - r),
                         text + r);
            diag_hint(l->d, "The rules are %s.", rule_list(l->a));
        }
        while (i < len && is_space(text[i]))
            i++;
        if (i < len && text[i] == ',') {
            i++;
            continue;
        }
        if (i < len && text[i] != ':' && report) {
            diag_warning(l->d, line_loc(l, line, i, 1),
                         "expected \",\" or \":\" after lint rule \"%.*s\"", (int)(rend - r),
                         text + r);
            diag_hint(l->d, "Separate rules with commas, and put a colon before the reason: "
                            "\"-- migc: allow drop-column: replaced by status\".");
        }
        return mask;
    }
}

/* Finds every migc comment of the file and reports the malformed ones. */
static void scan_directives(struct lint *l)
{
    const char *text;
    size_t len;
    for (int line = 1; (text = diag_source_line(l->d, l->file, line, &len)); line++) {
        long at = comment_at(text, len);
        long body = at < 0 ? -1 : migc_body(text, len, at);
        if (body < 0)
            continue;
        struct directive *dv = arena_alloc(l->a, sizeof *dv);
        dv->line = line;
        dv->start = (size_t)at;
        dv->len = len - (size_t)at;
        vec_push(l->a, &l->directives, dv);
        parse_allow(l, text, len, line, (size_t)body, true);
    }
}

/* The rules allowed by the comment lines directly above line (a run of
   lines holding only comments); marks the migc comments among them as
   attached. */
static unsigned allowed_above(struct lint *l, int line)
{
    unsigned mask = 0;
    const char *text;
    size_t len;
    for (int k = line - 1; k >= 1 && (text = diag_source_line(l->d, l->file, k, &len)); k--) {
        long at = comment_at(text, len);
        if (at < 0)
            break;
        long body = migc_body(text, len, at);
        if (body < 0)
            continue;
        mask |= parse_allow(l, text, len, k, (size_t)body, false);
        for (int i = 0; i < l->directives.n; i++) {
            struct directive *dv = VEC_AT(l->directives, i, struct directive *);
            if (dv->line == k)
                dv->attached = true;
        }
    }
    return mask;
}

/* ---- reporting -------------------------------------------------------- */

/* Reports a warning of rule r unless allow (or the project) silences it.
   Returns whether it was reported, so that its detail and hint are
   attached only then. */
static bool warn(struct lint *l, enum rule r, unsigned allow, struct loc loc, const char *fmt,
                 ...) __attribute__((format(printf, 5, 6)));
static bool warn(struct lint *l, enum rule r, unsigned allow, struct loc loc, const char *fmt,
                 ...)
{
    if ((allow | l->allowed) & (1u << r))
        return false;
    va_list ap;
    va_start(ap, fmt);
    const char *msg = arena_vprintf(l->a, fmt, ap);
    va_end(ap);
    diag_warning(l->d, loc, "%s [%s]", msg, rule_ids[r]);
    return true;
}

/* The hint every lint warning ends with: what to do instead, then how to
   accept the risk for this one statement. */
static void advise(struct lint *l, enum rule r, const char *instead)
{
    diag_hint(l->d,
              "%s To accept it, write \"-- migc: allow %s: <reason>\" on the line above the "
              "statement.",
              instead, rule_ids[r]);
}

/* ---- what is new in this revision ------------------------------------ */

static bool fresh_has(const struct lint *l, const char *table, const char *col)
{
    for (int i = 0; i < l->fresh.n; i++) {
        const struct fresh *f = VEC_AT(l->fresh, i, const struct fresh *);
        if (name_eq(f->table, table) && (!f->col || (col && name_eq(f->col, col))))
            return true;
    }
    return false;
}

static void fresh_add(struct lint *l, const char *table, const char *col)
{
    struct fresh *f = arena_alloc(l->a, sizeof *f);
    f->table = table;
    f->col = col;
    vec_push(l->a, &l->fresh, f);
}

/* Follows a rename of a table (col NULL) or of one of its columns. */
static void fresh_rename(struct lint *l, const char *table, const char *col, const char *to)
{
    for (int i = 0; i < l->fresh.n; i++) {
        struct fresh *f = VEC_AT(l->fresh, i, struct fresh *);
        if (!name_eq(f->table, table))
            continue;
        if (!col)
            f->table = to;
        else if (f->col && name_eq(f->col, col))
            f->col = to;
    }
}

/* A table that held rows before this revision: locking it blocks the
   application, and code running the previous version uses it. */
static bool existing_table(const struct lint *l, const struct step *sp, const char *name)
{
    return schema_find_table(sp->before, name) && !fresh_has(l, name, NULL);
}

/* ---- types ------------------------------------------------------------ */

static int int_rank(enum type_kind k)
{
    return k == TYPE_SMALLINT ? 1 : k == TYPE_INTEGER ? 2 : k == TYPE_BIGINT ? 3 : 0;
}

/* Decimal digits an integer type may need. */
static int int_digits(enum type_kind k)
{
    return k == TYPE_SMALLINT ? 5 : k == TYPE_INTEGER ? 10 : 19;
}

/* Kinds that are one PostgreSQL type with a fractional-seconds precision
   (datetime is timestamp there), as a class number; 0 for the others. */
static int time_kind(enum type_kind k)
{
    switch (k) {
    case TYPE_TIME: return 1;
    case TYPE_TIMETZ: return 2;
    case TYPE_TIMESTAMP: case TYPE_DATETIME: return 3;
    case TYPE_TIMESTAMPTZ: return 4;
    case TYPE_INTERVAL: return 5;
    default: return 0;
    }
}

static int numeric_scale(const struct type *t)
{
    return t->s < 0 ? 0 : t->s;
}

/* True when every value of type from converts to type to without failing
   and without losing anything. */
static bool type_holds(const struct type *from, const struct type *to)
{
    if (type_eq(from, to))
        return true;
    if (from->array || to->array) {
        if (from->array != to->array)
            return to->kind == TYPE_TEXT && !to->array;
        struct type fe = *from, te = *to;
        fe.array = te.array = false;
        return type_holds(&fe, &te);
    }
    if (from->kind == TYPE_NATIVE || to->kind == TYPE_NATIVE)
        return to->kind == TYPE_TEXT;
    /* Fractional seconds: a precision as large or none keeps every value. */
    if (time_kind(from->kind) && time_kind(from->kind) == time_kind(to->kind))
        return to->p < 0 || (from->p >= 0 && to->p >= from->p);
    bool from_string = from->kind == TYPE_VARCHAR || from->kind == TYPE_CHAR;
    int from_len = from->kind == TYPE_CHAR && from->p < 0 ? 1 : from->p;
    switch (to->kind) {
    case TYPE_TEXT:
        return true;   /* every value has a text form */
    case TYPE_VARCHAR:
    case TYPE_CHAR: {
        int to_len = to->kind == TYPE_CHAR && to->p < 0 ? 1 : to->p;
        if (to_len < 0)
            return true;
        if (from_string && from_len >= 0)
            return from_len <= to_len;
        return from->kind == TYPE_UUID && to_len >= 36;
    }
    case TYPE_SMALLINT:
    case TYPE_INTEGER:
    case TYPE_BIGINT:
        return int_rank(from->kind) && int_rank(from->kind) <= int_rank(to->kind);
    case TYPE_NUMERIC:
        if (to->p < 0)
            return int_rank(from->kind) || from->kind == TYPE_NUMERIC;
        if (int_rank(from->kind))
            return to->p - numeric_scale(to) >= int_digits(from->kind);
        if (from->kind != TYPE_NUMERIC || from->p < 0)
            return false;
        return to->p - numeric_scale(to) >= from->p - numeric_scale(from) &&
               numeric_scale(to) >= numeric_scale(from);
    case TYPE_DOUBLE:
        return from->kind == TYPE_SMALLINT || from->kind == TYPE_INTEGER ||
               from->kind == TYPE_REAL;
    case TYPE_REAL:
        return from->kind == TYPE_SMALLINT;
    case TYPE_TIMESTAMP:
        return from->kind == TYPE_DATE;
    case TYPE_TIMESTAMPTZ:
        return from->kind == TYPE_DATE || from->kind == TYPE_TIMESTAMP;
    case TYPE_JSON:
        return from->kind == TYPE_JSONB;
    default:
        return false;
    }
}

/* True when PostgreSQL rewrites the table for ALTER COLUMN ... TYPE: all
   but the changes it knows keep every stored value's bytes (a longer or
   unbounded varchar, varchar to text, more numeric precision at the same
   scale). A using expression always computes new values. */
static bool pg_rewrites(const struct type *from, const struct type *to, const struct expr *using)
{
    if (using)
        return true;
    if (type_eq(from, to))
        return false;
    if (from->array || to->array)
        return true;
    if (from->kind == TYPE_VARCHAR && to->kind == TYPE_VARCHAR)
        return !(to->p < 0 || (from->p >= 0 && to->p >= from->p));
    if (from->kind == TYPE_VARCHAR && to->kind == TYPE_TEXT)
        return false;
    if (from->kind == TYPE_TEXT && to->kind == TYPE_VARCHAR)
        return to->p >= 0;
    if (from->kind == TYPE_NUMERIC && to->kind == TYPE_NUMERIC)
        return !(to->p < 0 ||
                 (from->p >= 0 && to->p >= from->p && numeric_scale(to) == numeric_scale(from)));
    /* A larger or no precision of the same time type keeps the bytes
       (PostgreSQL 12's support functions for their length coercions). */
    if (time_kind(from->kind) && time_kind(from->kind) == time_kind(to->kind))
        return !(to->p < 0 || (from->p >= 0 && to->p >= from->p));
    return true;
}

/* The first volatile function e calls, or NULL. */
static const char *volatile_call(const struct expr *e)
{
    if (!e)
        return NULL;
    if (e->kind == EXPR_FUNC)
        for (size_t i = 0; i < sizeof volatile_functions / sizeof volatile_functions[0]; i++)
            if (name_eq(e->text, volatile_functions[i]))
                return volatile_functions[i];
    for (int i = 0; i < e->nargs; i++) {
        const char *f = volatile_call(e->args[i]);
        if (f)
            return f;
    }
    return NULL;
}

/* ---- the rules -------------------------------------------------------- */

static bool loc_same(struct loc a, struct loc b)
{
    return a.file && b.file && a.line == b.line && a.col == b.col && strcmp(a.file, b.file) == 0;
}

/* The model's name for the constraint def added to t, or NULL when it
   cannot be found (the model names every constraint it keeps). */
static const char *added_name(const struct table *t, const struct constraint_def *def,
                              struct loc action)
{
    const char *name = def->name.name;
    for (int i = 0; i < t->ncons && !name; i++)
        if (t->cons[i]->kind == def->kind &&
            (loc_same(t->cons[i]->loc, def->loc) || loc_same(t->cons[i]->loc, action)))
            name = t->cons[i]->name;
    return name;
}

/* `foreign key "x"`, or `a foreign key` when the model's name for it
   cannot be found. */
static const char *constraint_words(struct lint *l, const struct table *t,
                                    const struct constraint_def *def, struct loc action)
{
    static const char *const kinds[] = {
        [CON_PRIMARY_KEY] = "primary key", [CON_UNIQUE] = "unique constraint",
        [CON_FOREIGN_KEY] = "foreign key", [CON_CHECK] = "check constraint",
    };
    const char *name = added_name(t, def, action);
    if (!name)
        return arena_printf(l->a, "a %s", kinds[def->kind]);
    return arena_printf(l->a, "%s \"%s\"", kinds[def->kind], name);
}

/* The advice of the validation rules: the two steps that add def to t
   without checking the rows under the lock, as .mig statements. */
static const char *two_steps(struct lint *l, const struct table *t,
                             const struct constraint_def *def, struct loc action)
{
    const char *name = added_name(t, def, action);
    struct constraint_def *nv = arena_alloc(l->a, sizeof *nv);
    *nv = *def;
    nv->not_valid = true;
    nv->inline_ = false;
    nv->name.name = name;
    struct alter_action *ac = arena_alloc(l->a, sizeof *ac);
    ac->kind = ALTER_ADD_CONSTRAINT;
    ac->constraint = nv;
    struct stmt *st = stmt_new(l->a, STMT_ALTER_TABLE, action);
    st->table.name = t->name;
    vec_push(l->a, &st->actions, ac);
    struct strbuf b = {0};
    render_put_name(&b, t->name);
    strbuf_puts(&b, " validate constraint ");
    render_put_name(&b, name ? name : "NAME");
    return arena_printf(l->a,
                        "On a small table this is brief; on a large one, add it without "
                        "checking the rows, `%s`, then validate it in a later migration, "
                        "`alter table %s;`, which lets reads and writes go on.",
                        render_mig_stmt(l->a, st), strbuf_to_arena(&b, l->a));
}

/* A constraint added to existing table t (t as the statement leaves it),
   by add constraint or on an added column (new_column; its default is
   dflt). */
static void lint_constraint(struct lint *l, unsigned allow, struct loc action,
                            const struct table *t, const struct constraint_def *def,
                            bool new_column, const struct expr *dflt)
{
    struct loc loc = def->loc.file ? def->loc : action;
    const char *what = constraint_words(l, t, def, action);
    /* Added not valid: no row is checked now. */
    if (def->not_valid)
        return;
    switch (def->kind) {
    case CON_FOREIGN_KEY:
        /* A new column without a default is all nulls: PostgreSQL skips
           the check. */
        if (new_column && (!dflt || expr_strip(dflt)->kind == EXPR_NULL))
            return;
        if (warn(l, RULE_FOREIGN_KEY_VALIDATION, allow, loc,
                 "adding %s to existing table \"%s\" checks every row while it blocks writes to "
                 "tables \"%s\" and \"%s\"",
                 what, t->name, t->name, def->ref_table.name)) {
            diag_detail(l->d, "On PostgreSQL, adding a foreign key takes a SHARE ROW EXCLUSIVE "
                              "lock on both tables and holds it while it checks every row.");
            advise(l, RULE_FOREIGN_KEY_VALIDATION, two_steps(l, t, def, action));
        }
        return;
    case CON_CHECK:
        if (warn(l, RULE_CHECK_VALIDATION, allow, loc,
                 "adding %s to existing table \"%s\" checks every row under an ACCESS EXCLUSIVE "
                 "lock",
                 what, t->name)) {
            diag_detail(l->d, "On PostgreSQL, no one can read or write the table until every "
                              "row has been checked.");
            advise(l, RULE_CHECK_VALIDATION, two_steps(l, t, def, action));
        }
        return;
    case CON_UNIQUE:
    case CON_PRIMARY_KEY:
        if (warn(l, RULE_UNIQUE_NOT_CONCURRENT, allow, loc,
                 "adding %s to existing table \"%s\" builds its index under an ACCESS EXCLUSIVE "
                 "lock",
                 what, t->name)) {
            diag_detail(l->d, "On PostgreSQL, no one can read or write the table while the "
                              "index is built.");
            advise(l, RULE_UNIQUE_NOT_CONCURRENT,
                   "Use \"create unique index concurrently\" in a \"transaction none\" "
                   "migration instead: it enforces the same uniqueness without blocking "
                   "writes.");
        }
        return;
    }
}

static void lint_add_column(struct lint *l, unsigned allow, const struct alter_action *ac,
                            const struct table *before, const struct table *after)
{
    const struct column_def *cd = ac->column;
    if (table_find_column(before, cd->name.name) || !table_find_column(after, cd->name.name))
        return;   /* refused by replay */
    const char *f = NULL;
    if (cd->identity || types_is_serial(cd->type.kind)) {
        if (warn(l, RULE_VOLATILE_DEFAULT, allow, ac->loc,
                 "adding %s column \"%s\" to existing table \"%s\" rewrites the table",
                 cd->identity ? "identity" : types_name(cd->type.kind), cd->name.name,
                 after->name)) {
            diag_detail(l->d, "On PostgreSQL, every existing row gets its own value, so the "
                              "whole table is rewritten under an ACCESS EXCLUSIVE lock.");
            advise(l, RULE_VOLATILE_DEFAULT,
                   cd->identity ? "Add the column without identity, fill it in batches, then "
                                  "make it identity in a later migration."
                                : "Add the column as a plain integer, fill it in batches, then "
                                  "make it identity in a later migration.");
        }
    } else if ((f = volatile_call(cd->dflt))) {
        if (warn(l, RULE_VOLATILE_DEFAULT, allow, ac->loc,
                 "adding column \"%s\" to existing table \"%s\" with volatile default %s() "
                 "rewrites the table",
                 cd->name.name, after->name, f)) {
            diag_detail(l->d, "On PostgreSQL, a volatile default is computed for every existing "
                              "row, so the whole table is rewritten under an ACCESS EXCLUSIVE "
                              "lock; a constant or stable default (now()) costs nothing.");
            advise(l, RULE_VOLATILE_DEFAULT,
                   "Add the column without a default, set the default in a second action, and "
                   "fill the existing rows in batches.");
        }
    }
    for (int i = 0; i < cd->constraints.n; i++)
        lint_constraint(l, allow, ac->loc, after,
                        VEC_AT(cd->constraints, i, const struct constraint_def *), true,
                        cd->dflt);
}

static void lint_alter_type(struct lint *l, unsigned allow, const struct alter_action *ac,
                            const struct table *before, const struct table *after,
                            bool existing)
{
    const struct column *old = table_find_column(before, ac->name.name);
    const struct column *now = table_find_column(after, ac->name.name);
    if (!old || !now || !type_eq(&now->type, &ac->type))
        return;   /* renamed in this statement, or refused by replay */
    const char *from = schema_describe_type(l->a, &old->type);
    const char *to = schema_describe_type(l->a, &ac->type);
    if (!type_holds(&old->type, &ac->type) &&
        warn(l, RULE_NARROWING_TYPE, allow, ac->loc,
             "changing the type of column \"%s\" of table \"%s\" from %s to %s can fail or lose "
             "data",
             old->name, after->name, from, to)) {
        diag_detail(l->d, "Not every %s value fits in %s: the migration fails on a value that "
                          "does not fit, or keeps only part of it.",
                    from, to);
        advise(l, RULE_NARROWING_TYPE,
               "Check the existing values first, or add a column of the new type, copy and "
               "verify the data, and drop the old column later.");
    }
    if (l->locks && existing && !fresh_has(l, before->name, old->name) &&
        pg_rewrites(&old->type, &ac->type, ac->expr) &&
        warn(l, RULE_TYPE_REWRITE, allow, ac->loc,
             "changing the type of column \"%s\" of table \"%s\" from %s to %s rewrites the "
             "table under an ACCESS EXCLUSIVE lock",
             old->name, after->name, from, to)) {
        diag_detail(l->d, "On PostgreSQL, only a longer varchar, varchar to text, more "
                          "numeric precision at the same scale and more fractional-second "
                          "precision keep the stored rows; any other change, or a using "
                          "expression, rewrites every row while no one can read or write the "
                          "table.");
        advise(l, RULE_TYPE_REWRITE,
               "Add a column of the new type, fill it in batches, switch the code to it, and "
               "drop the old column in a later migration.");
    }
}

static void lint_alter(struct lint *l, const struct step *sp, const unsigned *allow)
{
    const struct stmt *st = sp->stmt;
    const struct table *before = schema_find_table(sp->before, st->table.name);
    const struct table *after = schema_find_table(sp->after, st->table.name);
    if (!before || !after)
        return;
    bool existing = !fresh_has(l, before->name, NULL);
    for (int i = 0; i < st->actions.n; i++) {
        const struct alter_action *ac = VEC_AT(st->actions, i, const struct alter_action *);
        const char *cname = ac->name.name;
        const struct column *old = cname ? table_find_column(before, cname) : NULL;
        bool old_column = existing && old && !fresh_has(l, before->name, cname);
        switch (ac->kind) {
        case ALTER_DROP_COLUMN:
            if (old && !table_find_column(after, cname) &&
                warn(l, RULE_DROP_COLUMN, allow[i], ac->loc,
                     "dropping column \"%s\" of table \"%s\" deletes its data", old->name,
                     after->name))
                advise(l, RULE_DROP_COLUMN,
                       "Stop using the column in the code first, deploy that, then drop it in a "
                       "later migration.");
            break;
        case ALTER_TYPE:
            lint_alter_type(l, allow[i], ac, before, after, existing);
            break;
        case ALTER_SET_NOT_NULL:
            if (l->locks && old_column && !old->not_null &&
                warn(l, RULE_SET_NOT_NULL, allow[i], ac->loc,
                     "setting column \"%s\" of table \"%s\" not null checks every row under an "
                     "ACCESS EXCLUSIVE lock",
                     old->name, after->name)) {
                diag_detail(l->d, "On PostgreSQL, no one can read or write the table until "
                                  "every row has been checked.");
                advise(l, RULE_SET_NOT_NULL,
                       arena_printf(l->a,
                                    "On a large table, first add check (%s is not null) not "
                                    "valid and validate it in a later migration (alter table "
                                    "... validate constraint): PostgreSQL 12 and later then set "
                                    "not null without the scan.",
                                    old->name));
            }
            break;
        case ALTER_ADD_COLUMN:
            if (l->locks && existing)
                lint_add_column(l, allow[i], ac, before, after);
            fresh_add(l, after->name, ac->column->name.name);
            break;
        case ALTER_ADD_CONSTRAINT:
            if (l->locks && existing)
                lint_constraint(l, allow[i], ac->loc, after, ac->constraint, false, NULL);
            break;
        case ALTER_RENAME_COLUMN:
            if (old_column && table_find_column(after, ac->new_name.name) &&
                warn(l, RULE_RENAME_BREAKS_CODE, allow[i], ac->loc,
                     "renaming column \"%s\" of table \"%s\" to \"%s\" breaks code that still "
                     "uses the old name",
                     old->name, after->name, ac->new_name.name)) {
                diag_detail(l->d, "During a rolling deploy, instances still running the "
                                  "previous version fail until they are replaced.");
                advise(l, RULE_RENAME_BREAKS_CODE,
                       "Expand and contract instead: add the new column, write both and "
                       "backfill, switch reads to it, and drop the old column in a later "
                       "migration.");
            }
            fresh_rename(l, after->name, cname, ac->new_name.name);
            break;
        case ALTER_DROP_NOT_NULL:
        case ALTER_SET_DEFAULT:
        case ALTER_DROP_DEFAULT:
        case ALTER_DROP_CONSTRAINT:
        case ALTER_VALIDATE_CONSTRAINT:
        case ALTER_INVALIDATE_CONSTRAINT:
            break;
        }
    }
}

static void lint_step(struct lint *l, const struct step *sp, const unsigned *allow)
{
    const struct stmt *st = sp->stmt;
    switch (st->kind) {
    case STMT_CREATE_TABLE:
        if (schema_find_table(sp->after, st->table.name))
            fresh_add(l, st->table.name, NULL);
        break;
    case STMT_DROP_TABLE: {
        const struct table *t = schema_find_table(sp->before, st->table.name);
        if (t && !schema_find_table(sp->after, st->table.name) &&
            warn(l, RULE_DROP_TABLE, allow[0], st->loc, "dropping table \"%s\" deletes its rows",
                 t->name))
            advise(l, RULE_DROP_TABLE,
                   "Make sure no deployed code still uses the table and that its rows are no "
                   "longer needed (or copied elsewhere).");
        break;
    }
    case STMT_RENAME_TABLE: {
        const struct table *t = schema_find_table(sp->before, st->table.name);
        if (t && existing_table(l, sp, t->name) &&
            schema_find_table(sp->after, st->new_name.name) &&
            warn(l, RULE_RENAME_BREAKS_CODE, allow[0], st->loc,
                 "renaming table \"%s\" to \"%s\" breaks code that still uses the old name",
                 t->name, st->new_name.name)) {
            diag_detail(l->d, "During a rolling deploy, instances still running the previous "
                              "version fail until they are replaced.");
            advise(l, RULE_RENAME_BREAKS_CODE,
                   "Expand and contract instead: create the new table, write both and "
                   "backfill, switch reads to it, and drop the old table in a later migration "
                   "(or leave a view with the old name meanwhile).");
        }
        if (t)
            fresh_rename(l, t->name, NULL, st->new_name.name);
        break;
    }
    case STMT_ALTER_TABLE:
        lint_alter(l, sp, allow + 1);
        break;
    case STMT_CREATE_INDEX:
        if (l->locks && !st->concurrently && existing_table(l, sp, st->table.name) &&
            schema_find_index(sp->after, st->name.name) &&
            !schema_find_index(sp->before, st->name.name) &&
            warn(l, RULE_INDEX_NOT_CONCURRENT, allow[0], st->loc,
                 "creating index \"%s\" on existing table \"%s\" without concurrently blocks "
                 "writes to the table",
                 st->name.name, st->table.name)) {
            diag_detail(l->d, "On PostgreSQL, CREATE INDEX holds a SHARE lock on the table for "
                              "the whole build: inserts, updates and deletes wait.");
            advise(l, RULE_INDEX_NOT_CONCURRENT,
                   "Use \"create index concurrently\" in a migration with \"transaction "
                   "none\".");
        }
        break;
    case STMT_CREATE_VIEW:
        if (st->materialized)
            fresh_add(l, st->name.name, NULL);
        break;
    case STMT_REFRESH_VIEW:
        if (l->locks && !st->concurrently && schema_find_view(sp->before, st->name.name) &&
            !fresh_has(l, st->name.name, NULL) &&
            warn(l, RULE_REFRESH_NOT_CONCURRENT, allow[0], st->loc,
                 "refreshing materialized view \"%s\" without concurrently blocks its readers",
                 st->name.name)) {
            diag_detail(l->d, "REFRESH MATERIALIZED VIEW holds an ACCESS EXCLUSIVE lock on the "
                              "view while its query runs: every select of it waits.");
            advise(l, RULE_REFRESH_NOT_CONCURRENT,
                   "Use \"refresh materialized view concurrently\": it needs a unique index on "
                   "the view, and the view populated.");
        }
        break;
    case STMT_DROP_INDEX:
    case STMT_DROP_VIEW:
    case STMT_INSERT:
    case STMT_SQL:
    case STMT_DELETE:
    /* Enum types hold no rows; adding a value takes no lock worth a
       warning (changing a column to an enum type is type-rewrite's). */
    case STMT_CREATE_TYPE:
    case STMT_DROP_TYPE:
    case STMT_ADD_VALUE:
    case STMT_DROP_VALUE:
    case STMT_RENAME_VALUE:
    case STMT_RENAME_TYPE:
    /* An extension's objects are its own; dropping one that a column
       uses fails in the database. */
    case STMT_CREATE_EXTENSION:
    case STMT_DROP_EXTENSION:
    case STMT_COMMENT:
        break;
    }
}

/* ---- driver ----------------------------------------------------------- */

/* allow[0] for the statement, allow[1 + i] for its i-th alter action:
   what the comments above each allow, the statement's own for all. */
static unsigned *statement_allows(struct lint *l, const struct stmt *st)
{
    int n = st->kind == STMT_ALTER_TABLE ? st->actions.n : 0;
    unsigned *allow = arena_alloc(l->a, sizeof *allow * (size_t)(n + 1));
    allow[0] = allowed_above(l, st->loc.line);
    for (int i = 0; i < n; i++) {
        const struct alter_action *ac = VEC_AT(st->actions, i, const struct alter_action *);
        allow[1 + i] = allow[0];
        if (ac->loc.line > st->loc.line)
            allow[1 + i] |= allowed_above(l, ac->loc.line);
    }
    return allow;
}

static void lint_revision(struct lint *l, const struct revision *r,
                          const struct compiled_revision *cr)
{
    const struct migration *m = r->mig;
    l->file = m->file;
    l->directives.n = 0;
    l->fresh.n = 0;
    scan_directives(l);
    for (int i = 0; i < m->upgrade.n; i++) {
        const struct stmt *st = VEC_AT(m->upgrade, i, const struct stmt *);
        const unsigned *allow = statement_allows(l, st);
        if (cr && i < cr->up.n)
            lint_step(l, VEC_AT(cr->up, i, const struct step *), allow);
    }
    for (int i = 0; i < l->directives.n; i++) {
        const struct directive *dv = VEC_AT(l->directives, i, const struct directive *);
        if (dv->attached)
            continue;
        diag_warning(l->d, line_loc(l, dv->line, dv->start, dv->len),
                     "migc comment is not directly above a statement of an upgrade block");
        diag_detail(l->d, "It silences nothing: an allow comment applies to the statement, or "
                          "the alter table action, on the line right below it.");
    }
}

void lint_project(struct arena *a, struct diag *d, const struct compilation *c,
                  const struct lint_options *o)
{
    const struct graph *g = c->graph;
    if (!g)
        return;
    struct lint l = {.a = a, .d = d, .locks = (dialect_rules(o->targets) & DIALECT_LOCKS) != 0};
    for (int i = 0; i < o->nallow; i++) {
        int k = rule_find(o->allow[i], strlen(o->allow[i]));
        if (k >= 0)
            l.allowed |= 1u << k;
    }
    for (int i = 0; i < g->nrevs; i++) {
        const struct revision *r = g->revs[i];
        if (r->mig && r->mig->file)
            lint_revision(&l, r, c->revs ? c->revs[i] : NULL);
    }
}
