#include "script.h"

#include "sqlscript.h"

void script_statements(FILE *out, const struct vec *stmts, bool transaction)
{
    if (transaction)
        fputs("BEGIN;\n", out);
    for (int i = 0; i < stmts->n; i++) {
        const struct sql_stmt *s = VEC_AT(*stmts, i, const struct sql_stmt *);
        fprintf(out, "%s;\n", s->sql);
    }
    if (transaction)
        fputs("COMMIT;\n", out);
}

static const char *parent_list(struct arena *a, const struct revision *r)
{
    if (r->nparents == 0)
        return "<base>";
    struct strbuf b = {0};
    for (int i = 0; i < r->nparents; i++)
        strbuf_printf(&b, "%s%s", i ? ", " : "", r->parents[i]->id);
    return strbuf_to_arena(&b, a);
}

void script_revision(FILE *out, struct arena *a, const struct dialect *d,
                     const struct compiled_revision *cr, bool upgrade)
{
    const struct revision *r = cr->rev;
    const char *parents = parent_list(a, r);
    /* Comments hold text from the .mig files and their paths:
       sqlscript_comment keeps each on its one line. */
    if (upgrade)
        sqlscript_comment(out, arena_printf(a, "Running upgrade %s -> %s, %s", parents, r->id,
                                            r->mig->message));
    else
        sqlscript_comment(out, arena_printf(a, "Running downgrade %s -> %s, %s", r->id, parents,
                                            r->mig->message));
    sqlscript_comment(out, r->mig->file);
    struct vec stmts = {0};
    const struct vec *steps = upgrade ? &cr->up : &cr->down;
    for (int i = 0; i < steps->n; i++) {
        const struct step *st = VEC_AT(*steps, i, const struct step *);
        render_stmt(a, d, st->before, st->after, st->stmt, &stmts);
    }
    script_statements(out, &stmts, !r->mig->transaction_none);
    fputc('\n', out);
}
