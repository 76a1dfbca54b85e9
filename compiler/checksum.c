#include "checksum.h"

#include "render.h"
#include "sha256.h"

static void put_idents(struct strbuf *b, const struct vec *v)
{
    for (int i = 0; i < v->n; i++)
        strbuf_printf(b, "%s%s", i ? ", " : "", VEC_AT(*v, i, const struct ident *)->name);
}

const char *checksum_canonical(struct arena *a, const struct migration *m)
{
    struct strbuf b = {0};
    strbuf_printf(&b, "revision %s\nrevises ", m->revision.name ? m->revision.name : "");
    if (m->revises_base || m->revises.n == 0)
        strbuf_puts(&b, "base");
    else
        put_idents(&b, &m->revises);
    strbuf_puts(&b, "\n");
    if (m->depends_on.n) {
        strbuf_puts(&b, "depends on ");
        put_idents(&b, &m->depends_on);
        strbuf_puts(&b, "\n");
    }
    strbuf_puts(&b, "upgrade {\n");
    for (int i = 0; i < m->upgrade.n; i++) {
        strbuf_puts(&b, render_mig_stmt(a, VEC_AT(m->upgrade, i, const struct stmt *)));
        strbuf_puts(&b, "\n");
    }
    strbuf_puts(&b, "}\n");
    return strbuf_to_arena(&b, a);
}

const char *checksum_migration(struct arena *a, const struct migration *m)
{
    const char *text = checksum_canonical(a, m);
    char *hex = arena_alloc(a, 65);
    size_t n = 0;
    while (text[n])
        n++;
    sha256_hex(text, n, hex);
    return hex;
}
