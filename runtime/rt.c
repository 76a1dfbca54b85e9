/* The run's memory (one list of blocks freed at exit) and a small
   growable string. */
#include <stdlib.h>
#include <string.h>

#include "migrator.h"

struct rt_block {
    struct rt_block *next;
    max_align_t data[];
};

static void *xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (!q) {
        fputs("error: out of memory\n", stderr);
        abort();
    }
    return q;
}

void *rt_alloc(struct rt *rt, size_t size)
{
    struct rt_block *b = xrealloc(NULL, sizeof *b + size);
    memset(b->data, 0, size);
    b->next = rt->blocks;
    rt->blocks = b;
    return b->data;
}

char *rt_strdup(struct rt *rt, const char *s)
{
    size_t n = strlen(s);
    char *d = rt_alloc(rt, n + 1);
    memcpy(d, s, n + 1);
    return d;
}

const char *rt_version_table(const struct rt *rt)
{
    const char *s = migc_string(rt->p, rt->p->version_table);
    return *s ? s : "migc_version";
}

const char *rt_url_env(const struct rt *rt)
{
    const char *s = migc_string(rt->p, rt->p->url_env);
    return *s ? s : "DATABASE_URL";
}

const char *rt_migrator_label(struct rt *rt)
{
    return rt_printf(rt, "%s (migc %s)", migc_string(rt->p, rt->p->name),
                     migc_string(rt->p, rt->p->migc_version));
}

char *rt_printf(struct rt *rt, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *d = rt_alloc(rt, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(d, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return d;
}

void rt_free(struct rt *rt)
{
    while (rt->blocks) {
        struct rt_block *next = rt->blocks->next;
        free(rt->blocks);
        rt->blocks = next;
    }
}

static void sb_reserve(struct sb *b, size_t more)
{
    if (b->len + more + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap * 2 : 256;
    while (cap < b->len + more + 1)
        cap *= 2;
    b->s = xrealloc(b->s, cap);
    b->cap = cap;
}

void sb_puts(struct sb *b, const char *s)
{
    size_t n = strlen(s);
    sb_reserve(b, n);
    memcpy(b->s + b->len, s, n + 1);
    b->len += n;
}

void sb_printf(struct sb *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    sb_reserve(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

const char *sb_str(const struct sb *b)
{
    return b->s ? b->s : "";
}

void sb_free(struct sb *b)
{
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

void sb_json(struct sb *b, const char *s)
{
    if (!s) {
        sb_puts(b, "null");
        return;
    }
    sb_puts(b, "\"");
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            sb_printf(b, "\\%c", *p);
        else if (*p == '\n')
            sb_puts(b, "\\n");
        else if (*p == '\t')
            sb_puts(b, "\\t");
        else if (*p < 0x20)
            sb_printf(b, "\\u%04x", *p);
        else {
            char c[2] = {(char)*p, 0};
            sb_puts(b, c);
        }
    }
    sb_puts(b, "\"");
}
