#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct diag_source {
    const char *file;
    const char *text;
    size_t len;
    const char **lines;     /* start of each line; built on first diag_source_line */
    int nlines;
    int index;              /* in d->sources */
};

struct diag_entry {
    enum diag_severity sev;
    struct loc loc;
    const char *msg;
    struct vec notes;   /* const char *: "detail: ..." / "hint: ..." lines */
    int seq;            /* report order, to keep sorting stable */
};

void diag_init(struct diag *d, struct arena *a)
{
    memset(d, 0, sizeof *d);
    d->arena = a;
}

void diag_add_source(struct diag *d, const char *file, const char *text, size_t len)
{
    struct diag_source *s = arena_alloc(d->arena, sizeof *s);
    s->file = file;
    s->text = text;
    s->len = len;
    s->index = d->sources.n;
    vec_push(d->arena, &d->sources, s);
}

static void report(struct diag *d, enum diag_severity sev, struct loc loc,
                   const char *fmt, va_list ap)
{
    struct diag_entry *e = arena_alloc(d->arena, sizeof *e);
    e->sev = sev;
    e->loc = loc;
    e->msg = arena_vprintf(d->arena, fmt, ap);
    e->seq = d->entries.n;
    vec_push(d->arena, &d->entries, e);
    d->last = e;
    if (sev == DIAG_ERROR)
        d->errors++;
    else
        d->warnings++;
}

void diag_error(struct diag *d, struct loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(d, DIAG_ERROR, loc, fmt, ap);
    va_end(ap);
}

void diag_warning(struct diag *d, struct loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report(d, DIAG_WARNING, loc, fmt, ap);
    va_end(ap);
}

static void note(struct diag *d, const char *prefix, const char *fmt, va_list ap)
{
    if (!d->last)
        return;
    char *body = arena_vprintf(d->arena, fmt, ap);
    vec_push(d->arena, &d->last->notes, arena_printf(d->arena, "%s: %s", prefix, body));
}

void diag_detail(struct diag *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    note(d, "detail", fmt, ap);
    va_end(ap);
}

void diag_hint(struct diag *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    note(d, "hint", fmt, ap);
    va_end(ap);
}

bool diag_failed(const struct diag *d)
{
    return d->errors > 0 || (d->werror && d->warnings > 0);
}

static const struct diag_source *find_source(const struct diag *d, const char *file)
{
    for (int i = d->sources.n - 1; i >= 0; i--) {
        const struct diag_source *s = VEC_AT(d->sources, i, const struct diag_source *);
        if (s->file == file || strcmp(s->file, file) == 0)
            return s;
    }
    return NULL;
}

/* Where each line of s starts, and one past its end (so line i spans
   lines[i] to lines[i + 1]). */
static void index_lines(struct arena *a, struct diag_source *s)
{
    int n = 1;
    for (size_t i = 0; i < s->len; i++)
        if (s->text[i] == '\n')
            n++;
    s->lines = arena_alloc(a, sizeof *s->lines * (size_t)(n + 1));
    s->lines[0] = s->text;
    int k = 1;
    for (size_t i = 0; i < s->len; i++)
        if (s->text[i] == '\n')
            s->lines[k++] = s->text + i + 1;
    s->lines[n] = s->text + s->len;
    /* A final line break ends the last line; it starts no new one. */
    s->nlines = s->len > 0 && s->text[s->len - 1] == '\n' ? n - 1 : n;
}

const char *diag_source_line(struct diag *d, const char *file, int line, size_t *len)
{
    struct diag_source *s = (struct diag_source *)d->line_cache;
    if (!s || !(s->file == file || strcmp(s->file, file) == 0)) {
        /* Callers usually read the files in the order they were
           registered: trying the next one first keeps a walk over 10,000
           files from costing 10^8 comparisons. */
        int next = s ? s->index + 1 : 0;
        struct diag_source *n =
            next < d->sources.n ? VEC_AT(d->sources, next, struct diag_source *) : NULL;
        if (n && (n->file == file || strcmp(n->file, file) == 0))
            s = n;
        else
            s = (struct diag_source *)find_source(d, file);
        if (!s)
            return NULL;
        d->line_cache = s;
    }
    if (!s->lines)
        index_lines(d->arena, s);
    if (line < 1 || line > s->nlines)
        return NULL;
    const char *p = s->lines[line - 1], *end = s->lines[line];
    while (end > p && (end[-1] == '\n' || end[-1] == '\r'))
        end--;
    *len = (size_t)(end - p);
    return p;
}

static int cmp_entries(const void *pa, const void *pb)
{
    const struct diag_entry *a = *(const struct diag_entry *const *)pa;
    const struct diag_entry *b = *(const struct diag_entry *const *)pb;
    /* Project-wide diagnostics (no file) come first. */
    if (!a->loc.file != !b->loc.file)
        return a->loc.file ? 1 : -1;
    if (a->loc.file) {
        int c = strcmp(a->loc.file, b->loc.file);
        if (c)
            return c;
        if (a->loc.line != b->loc.line)
            return a->loc.line < b->loc.line ? -1 : 1;
        if (a->loc.col != b->loc.col)
            return a->loc.col < b->loc.col ? -1 : 1;
    }
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Prints the quoted source line and a caret under loc, gcc style. Tabs in
   the prefix are kept so the caret lines up in a terminal. */
static void print_excerpt(const struct diag *d, const struct loc *loc, FILE *out)
{
    const struct diag_source *s = find_source(d, loc->file);
    if (!s || loc->line < 1)
        return;
    const char *p = s->text, *end = s->text + s->len;
    for (int line = 1; line < loc->line && p < end; p++)
        if (*p == '\n')
            line++;
    if (p >= end && loc->line > 1)
        return;
    const char *eol = p;
    while (eol < end && *eol != '\n' && *eol != '\r')
        eol++;
    int width = fprintf(out, "%5d", loc->line);
    fprintf(out, " | %.*s\n", (int)(eol - p), p);
    fprintf(out, "%*s | ", width, "");
    int col = loc->col < 1 ? 1 : loc->col;
    for (int i = 1; i < col && p + i - 1 < eol; i++)
        fputc(p[i - 1] == '\t' ? '\t' : ' ', out);
    fputc('^', out);
    int len = loc->len;
    /* The underline stays on its line. */
    if (p + col - 1 + len > eol)
        len = (int)(eol - (p + col - 1));
    for (int i = 1; i < len; i++)
        fputc('~', out);
    fputc('\n', out);
}

void diag_flush(struct diag *d, FILE *out)
{
    int n = d->entries.n;
    struct diag_entry **es = (struct diag_entry **)d->entries.items;
    if (n > 1)
        qsort(es, (size_t)n, sizeof *es, cmp_entries);
    const struct diag_entry *prev = NULL;
    for (int i = 0; i < n; i++) {
        const struct diag_entry *e = es[i];
        if (prev && prev->sev == e->sev && prev->loc.file == e->loc.file &&
            prev->loc.line == e->loc.line && prev->loc.col == e->loc.col &&
            strcmp(prev->msg, e->msg) == 0)
            continue;
        prev = e;
        if (e->sev == DIAG_WARNING && d->quiet_warnings)
            continue;
        const char *what = e->sev == DIAG_ERROR ? "error"
                           : d->werror          ? "error"
                                                : "warning";
        if (e->loc.file)
            fprintf(out, "%s:%d:%d: %s: %s\n", e->loc.file, e->loc.line,
                    e->loc.col, what, e->msg);
        else
            fprintf(out, "migc: %s: %s\n", what, e->msg);
        if (e->loc.file)
            print_excerpt(d, &e->loc, out);
        for (int j = 0; j < e->notes.n; j++)
            fprintf(out, "%s\n", VEC_AT(e->notes, j, const char *));
    }
    d->entries.n = 0;
    d->last = NULL;
}
