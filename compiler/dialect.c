/* The table of dialects and the questions asked of it by name or mask. */
#include "dialect.h"

#include <string.h>

#include "migc_migrator.h"
#include "render.h"

/* Indexed by ABI index: the generated C lists per-dialect arrays in this
   order. */
const struct dialect *const dialect_table[] = {
    [MIGC_SQLITE] = &render_sqlite_dialect,
    [MIGC_POSTGRES] = &render_pg_dialect,
};
const int dialect_count = MIGC_NDIALECTS;

_Static_assert(sizeof dialect_table / sizeof dialect_table[0] == MIGC_NDIALECTS,
               "one dialect per ABI index");

const struct dialect *dialect_find(const char *name)
{
    for (int i = 0; i < dialect_count; i++) {
        const struct dialect *d = dialect_table[i];
        if (strcmp(d->name, name) == 0 || (d->alias && strcmp(d->alias, name) == 0))
            return d;
    }
    return NULL;
}

unsigned dialect_all(void)
{
    unsigned all = 0;
    for (int i = 0; i < dialect_count; i++)
        all |= dialect_table[i]->target;
    return all;
}

const struct dialect *dialect_only(unsigned targets)
{
    for (int i = 0; i < dialect_count; i++)
        if (targets == dialect_table[i]->target)
            return dialect_table[i];
    return NULL;
}

unsigned dialect_rules(unsigned targets)
{
    unsigned rules = 0;
    for (int i = 0; i < dialect_count; i++)
        if (targets & dialect_table[i]->target)
            rules |= dialect_table[i]->rules;
    return rules;
}

const struct dialect *dialect_with_rule(unsigned targets, unsigned rule)
{
    for (int i = 0; i < dialect_count; i++)
        if ((targets & dialect_table[i]->target) && (dialect_table[i]->rules & rule))
            return dialect_table[i];
    return NULL;
}

void dialect_put_choices(struct strbuf *b, const char *before)
{
    for (int i = 0; i < dialect_count; i++) {
        if (i)
            strbuf_puts(b, i == dialect_count - 1 ? " or " : ", ");
        strbuf_printf(b, "%s%s", before, dialect_table[i]->name);
    }
}
