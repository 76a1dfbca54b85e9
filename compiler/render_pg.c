/* PostgreSQL as a dialect: its type names, its quirks and its ALTER
   TABLE. Every action is native. Consecutive actions share one ALTER
   TABLE; RENAME COLUMN cannot be combined with others, so it gets a
   statement of its own, in its place. */
#include "render.h"

#include "migc_migrator.h"

/* This dialect, for the renderers shared with the others. */
static const struct dialect *const pg = &render_pg_dialect;

/* PostgreSQL's "reserved" and "reserved (can be function or type)" key
   words, which cannot be a bare name. Sorted for bsearch. */
static const char *const pg_reserved[] = {
    "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric",
    "authorization", "binary", "both", "case", "cast", "check", "collate", "collation",
    "column", "concurrently", "constraint", "create", "cross", "current_catalog",
    "current_date", "current_role", "current_schema", "current_time", "current_timestamp",
    "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except",
    "false", "fetch", "for", "foreign", "freeze", "from", "full", "grant", "group", "having",
    "ilike", "in", "initially", "inner", "intersect", "into", "is", "isnull", "join", "lateral",
    "leading", "left", "like", "limit", "localtime", "localtimestamp", "natural", "not",
    "notnull", "null", "offset", "on", "only", "or", "order", "outer", "overlaps", "placing",
    "primary", "references", "returning", "right", "select", "session_user", "similar", "some",
    "symmetric", "table", "tablesample", "then", "to", "trailing", "true", "union", "unique",
    "user", "using", "variadic", "verbose", "when", "where", "window", "with",
};

/* Where PostgreSQL's names differ from the .mig ones. */
static const char *const pg_types[TYPE_NKINDS] = {
    [TYPE_DOUBLE] = "DOUBLE PRECISION",
    [TYPE_BLOB] = "BYTEA",
    [TYPE_DATETIME] = "TIMESTAMP",
};

/* b holds the pending actions: one goes on the ALTER TABLE line, several
   go one per line below it. */
static void flush(struct arena *a, struct strbuf *b, int *nactions, const char *table,
                  const struct stmt *st, struct vec *out)
{
    if (*nactions)
        render_push(a, out,
                    arena_printf(a, "ALTER TABLE %s%s%s", render_name(a, table),
                                 *nactions == 1 ? " " : "\n    ", strbuf_str(b)),
                    st->loc);
    strbuf_free(b);
    *nactions = 0;
}

static void begin_action(struct strbuf *b, int *nactions)
{
    if (*nactions)
        strbuf_puts(b, ",\n    ");
    (*nactions)++;
}

static void add_constraint(struct arena *a, struct strbuf *b, int *nactions,
                           const struct schema *after, const struct table *t,
                           const struct table *old, const struct constraint_def *def)
{
    const struct constraint *c = render_find_added_constraint(t, old, def);
    if (!c)
        return;
    begin_action(b, nactions);
    strbuf_puts(b, "ADD ");
    strbuf_puts(b, render_constraint(a, pg, after, t, c));
}

static void alter(struct arena *a, const struct schema *before, const struct schema *after,
                  const struct stmt *st, struct vec *out)
{
    const struct table *old = schema_find_table(before, st->table.name);
    const struct table *t = schema_find_table(after, st->table.name);
    const char *table = old ? old->name : st->table.name;
    struct render_style style = {.d = pg, .table = t, .table2 = old};
    struct strbuf b = {0};
    int n = 0;
    for (int i = 0; i < st->actions.n; i++) {
        const struct alter_action *act = VEC_AT(st->actions, i, const struct alter_action *);
        /* Columns by the spelling they have after the statement, or had
           before it when dropped or renamed away. */
        const char *col = render_column_name(t, act->name.name);
        if (col == act->name.name)
            col = render_column_name(old, act->name.name);
        switch (act->kind) {
        case ALTER_ADD_COLUMN: {
            const struct column *c = t ? table_find_column(t, act->column->name.name) : NULL;
            begin_action(&b, &n);
            strbuf_puts(&b, "ADD COLUMN ");
            if (c) {
                strbuf_puts(&b, render_column(a, pg, t, c));
            } else {
                render_put_name(&b, act->column->name.name);
                strbuf_printf(&b, " %s", render_type(a, pg, &act->column->type));
            }
            for (int j = 0; j < act->column->constraints.n; j++)
                add_constraint(a, &b, &n, after, t, old,
                               VEC_AT(act->column->constraints, j, const struct constraint_def *));
            break;
        }
        case ALTER_DROP_COLUMN:
            begin_action(&b, &n);
            strbuf_puts(&b, "DROP COLUMN ");
            render_put_name(&b, render_column_name(old, act->name.name));
            break;
        case ALTER_RENAME_COLUMN:
            flush(a, &b, &n, table, st, out);
            strbuf_puts(&b, "ALTER TABLE ");
            render_put_name(&b, table);
            strbuf_puts(&b, " RENAME COLUMN ");
            render_put_name(&b, render_column_name(old, act->name.name));
            strbuf_puts(&b, " TO ");
            render_put_name(&b, render_column_name(t, act->new_name.name));
            render_push(a, out, strbuf_to_arena(&b, a), st->loc);
            if (old && t)
                render_rename_sequence(a, pg, old, act->name.name, t, act->new_name.name, st->loc,
                                       out);
            break;
        case ALTER_TYPE: {
            /* The default is dropped and set again around a change of
               type: PostgreSQL would keep it with its old cast
               ('x'::character varying in a text column, which a fresh
               create does not give, so check would see drift), and
               cannot cast some defaults at all (to or from an enum type,
               '5' from text to integer). */
            const struct column *was = old ? table_find_column(old, act->name.name) : NULL;
            const struct column *now = t ? table_find_column(t, act->name.name) : NULL;
            bool to_enum = act->type.kind == TYPE_ENUM;
            bool reset = was && was->dflt && !type_eq(&was->type, &act->type);
            if (reset) {
                begin_action(&b, &n);
                strbuf_puts(&b, "ALTER COLUMN ");
                render_put_name(&b, col);
                strbuf_puts(&b, " DROP DEFAULT");
            }
            begin_action(&b, &n);
            strbuf_puts(&b, "ALTER COLUMN ");
            render_put_name(&b, col);
            strbuf_printf(&b, " TYPE %s", render_type(a, pg, &act->type));
            if (act->expr) {
                strbuf_puts(&b, " USING (");
                render_put_expr(&b, &style, expr_strip(act->expr));
                strbuf_putc(&b, ')');
            } else if (to_enum && was && !type_eq(&was->type, &act->type)) {
                strbuf_puts(&b, " USING ");
                render_put_name(&b, col);
                strbuf_printf(&b, "::text::%s", render_type(a, pg, &act->type));
            }
            if (reset && now && now->dflt) {
                begin_action(&b, &n);
                strbuf_puts(&b, "ALTER COLUMN ");
                render_put_name(&b, col);
                strbuf_puts(&b, " SET DEFAULT ");
                render_put_default(&b, &style, now->dflt);
            }
            break;
        }
        case ALTER_SET_NOT_NULL:
        case ALTER_DROP_NOT_NULL:
            begin_action(&b, &n);
            strbuf_puts(&b, "ALTER COLUMN ");
            render_put_name(&b, col);
            strbuf_puts(&b, act->kind == ALTER_SET_NOT_NULL ? " SET NOT NULL" : " DROP NOT NULL");
            break;
        case ALTER_SET_DEFAULT:
            begin_action(&b, &n);
            strbuf_puts(&b, "ALTER COLUMN ");
            render_put_name(&b, col);
            strbuf_puts(&b, " SET DEFAULT ");
            render_put_default(&b, &style, act->expr);
            break;
        case ALTER_DROP_DEFAULT:
            begin_action(&b, &n);
            strbuf_puts(&b, "ALTER COLUMN ");
            render_put_name(&b, col);
            strbuf_puts(&b, " DROP DEFAULT");
            break;
        case ALTER_ADD_CONSTRAINT:
            add_constraint(a, &b, &n, after, t, old, act->constraint);
            break;
        case ALTER_DROP_CONSTRAINT: {
            const struct constraint *c = old ? table_find_constraint(old, act->name.name) : NULL;
            begin_action(&b, &n);
            strbuf_puts(&b, "DROP CONSTRAINT ");
            render_put_name(&b, c ? c->name : act->name.name);
            break;
        }
        case ALTER_VALIDATE_CONSTRAINT: {
            const struct constraint *c = old ? table_find_constraint(old, act->name.name) : NULL;
            begin_action(&b, &n);
            strbuf_puts(&b, "VALIDATE CONSTRAINT ");
            render_put_name(&b, c ? c->name : act->name.name);
            break;
        }
        case ALTER_INVALIDATE_CONSTRAINT: {
            const struct constraint *c = t ? table_find_constraint(t, act->name.name) : NULL;
            if (!c)
                break;
            begin_action(&b, &n);
            strbuf_puts(&b, "DROP CONSTRAINT ");
            render_put_name(&b, c->name);
            begin_action(&b, &n);
            strbuf_puts(&b, "ADD ");
            strbuf_puts(&b, render_constraint(a, pg, after, t, c));
            break;
        }
        }
    }
    flush(a, &b, &n, table, st, out);
}

/* Any collation but SQLite's own names: PostgreSQL's are open-ended
   (create collation, ICU's), so the server judges the rest. */
static bool has_collation(const char *name)
{
    return !name_eq(name, "binary") && !name_eq(name, "nocase") && !name_eq(name, "rtrim");
}

const struct dialect render_pg_dialect = {
    .name = "postgres",
    .alias = "postgresql",
    .target = 1u << MIGC_POSTGRES,
    .abi = MIGC_POSTGRES,
    .abi_name = "MIGC_POSTGRES",
    .reserved = pg_reserved,
    .nreserved = sizeof pg_reserved / sizeof pg_reserved[0],
    .types = pg_types,
    .identity = " GENERATED BY DEFAULT AS IDENTITY",
    .concurrent_index = true,
    .late_foreign_keys = true,
    .rules = DIALECT_IDENTITY_INTEGER | DIALECT_LOCKS | DIALECT_ENUM_RETYPE,
    .alter = alter,
    .serial_sequence = true,
    .title = "PostgreSQL",
    .index_options = true,
    .not_valid = true,
    .extensions = true,
    .comments = true,
    .has_collation = has_collation,
};
