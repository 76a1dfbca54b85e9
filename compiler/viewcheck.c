#include "viewcheck.h"

#include <sqlite3.h>
#include <string.h>

/* Views nest at most this deep when a body names a view naming a view...;
   deeper chains are left uncreated (and then fail to compile). */
enum { VIEWCHECK_MAX_DEPTH = 64 };

struct viewcheck {
    struct arena *arena;
    struct diag *diag;
    sqlite3 *db;
};

struct viewcheck *viewcheck_open(struct arena *a, struct diag *d)
{
    sqlite3 *db = NULL;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
        diag_error(d, (struct loc){0}, "could not open an in-memory SQLite database: %s",
                   db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return NULL;
    }
    struct viewcheck *vc = arena_alloc(a, sizeof *vc);
    vc->arena = a;
    vc->diag = d;
    vc->db = db;
    return vc;
}

void viewcheck_close(struct viewcheck *vc)
{
    if (vc) {
        sqlite3_close(vc->db);
        vc->db = NULL;
    }
}

/* The words of an SQL text that could name a relation: bare words and
   quoted identifiers, not string literals or comments. Appends arena
   strings to out. */
static void scan_names(struct arena *a, const char *sql, struct vec *out)
{
    const char *p = sql;
    while (*p) {
        char ch = *p;
        if (ch == '\'') {
            for (p++; *p; p++)
                if (*p == '\'') {
                    if (p[1] != '\'')
                        break;
                    p++;
                }
            if (*p)
                p++;
        } else if (ch == '-' && p[1] == '-') {
            while (*p && *p != '\n')
                p++;
        } else if (ch == '/' && p[1] == '*') {
            const char *end = strstr(p + 2, "*/");
            p = end ? end + 2 : p + strlen(p);
        } else if (ch == '"' || ch == '`' || ch == '[') {
            char close = ch == '[' ? ']' : ch;
            struct strbuf b = {0};
            for (p++; *p; p++) {
                if (*p == close) {
                    if (close == ']' || p[1] != close)
                        break;
                    p++;
                }
                strbuf_putc(&b, *p);
            }
            if (*p)
                p++;
            vec_push(a, out, strbuf_to_arena(&b, a));
        } else if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || ch == '_' ||
                   (unsigned char)ch >= 0x80) {
            const char *start = p;
            while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p == '_' ||
                   (*p >= '0' && *p <= '9') || *p == '$' || (unsigned char)*p >= 0x80)
                p++;
            vec_push(a, out, arena_strndup(a, start, (size_t)(p - start)));
        } else {
            p++;
        }
    }
}

/* The body as an operand of FROM: trailing semicolons dropped, and the
   closing parenthesis on a line of its own so a final comment cannot
   swallow it. */
static const char *wrap_body(struct arena *a, const char *prefix, const char *body)
{
    size_t n = strlen(body);
    while (n > 0 && (body[n - 1] == ';' || body[n - 1] == ' ' || body[n - 1] == '\t' ||
                     body[n - 1] == '\n' || body[n - 1] == '\r'))
        n--;
    return arena_printf(a, "%s(%.*s\n)", prefix, (int)n, body);
}

static bool seen(const struct vec *names, const char *name)
{
    for (int i = 0; i < names->n; i++)
        if (name_eq(VEC_AT(*names, i, const char *), name))
            return true;
    return false;
}

/* Creates, in the open savepoint, every relation of s that body names: a
   table with its columns, a view as a table holding the columns its own
   body yields (after what that body names). */
static void create_named(struct viewcheck *vc, const struct schema *s, const char *body,
                         struct vec *created, int depth)
{
    struct arena *a = vc->arena;
    struct vec words = {0};
    scan_names(a, body, &words);
    for (int i = 0; i < words.n; i++) {
        const char *w = VEC_AT(words, i, const char *);
        if (seen(created, w))
            continue;
        const struct table *t = schema_find_table(s, w);
        const struct view *v = t ? NULL : schema_find_view(s, w);
        if (!t && !v)
            continue;
        vec_push(a, created, (void *)w);
        struct strbuf b = {0};
        strbuf_puts(&b, "CREATE TABLE ");
        if (t) {
            strbuf_put_quoted(&b, t->name, '"');
            strbuf_puts(&b, " (");
            for (int j = 0; j < t->ncols; j++) {
                if (j)
                    strbuf_puts(&b, ", ");
                strbuf_put_quoted(&b, t->cols[j]->name, '"');
            }
            if (t->ncols == 0)
                strbuf_puts(&b, "\"\"");
            strbuf_puts(&b, ")");
        } else {
            if (depth >= VIEWCHECK_MAX_DEPTH) {
                strbuf_free(&b);
                continue;
            }
            create_named(vc, s, v->body, created, depth + 1);
            strbuf_put_quoted(&b, v->name, '"');
            strbuf_puts(&b, wrap_body(a, " AS SELECT * FROM ", v->body));
            strbuf_puts(&b, " WHERE 0");
        }
        /* A view that no longer compiles is simply absent; the body being
           checked then reports what it misses. */
        sqlite3_exec(vc->db, strbuf_str(&b), NULL, NULL, NULL);
        strbuf_free(&b);
    }
}

struct reads {
    struct arena *arena;
    struct vec deps;           /* struct view_dep * */
};

static int authorize(void *arg, int action, const char *table, const char *column,
                     const char *db, const char *trigger)
{
    (void)db;
    (void)trigger;
    struct reads *r = arg;
    if (action != SQLITE_READ || !table)
        return SQLITE_OK;
    const char *col = column && *column ? column : NULL;
    for (int i = 0; i < r->deps.n; i++) {
        const struct view_dep *d = VEC_AT(r->deps, i, const struct view_dep *);
        if (name_eq(d->table, table) && name_eq(d->column, col))
            return SQLITE_OK;
    }
    struct view_dep *d = arena_alloc(r->arena, sizeof *d);
    d->table = arena_strdup(r->arena, table);
    d->column = col ? arena_strdup(r->arena, col) : NULL;
    vec_push(r->arena, &r->deps, d);
    return SQLITE_OK;
}

bool viewcheck_view(struct viewcheck *vc, const struct schema *s, const struct stmt *st,
                    const struct view_dep **deps, int *ndeps)
{
    struct arena *a = vc->arena;
    *deps = NULL;
    *ndeps = 0;
    const char *body = st->body ? st->body : "";
    sqlite3_exec(vc->db, "SAVEPOINT migc_view", NULL, NULL, NULL);
    struct vec created = {0};
    create_named(vc, s, body, &created, 0);

    struct reads r = {.arena = a};
    sqlite3_set_authorizer(vc->db, authorize, &r);
    sqlite3_stmt *stmt = NULL;
    const char *tail = NULL;
    int rc = sqlite3_prepare_v2(vc->db, wrap_body(a, "SELECT * FROM ", body), -1, &stmt, &tail);
    sqlite3_set_authorizer(vc->db, NULL, NULL);
    const char *err = rc == SQLITE_OK ? NULL : arena_strdup(a, sqlite3_errmsg(vc->db));
    sqlite3_finalize(stmt);
    sqlite3_exec(vc->db, "ROLLBACK TO migc_view", NULL, NULL, NULL);
    sqlite3_exec(vc->db, "RELEASE migc_view", NULL, NULL, NULL);

    if (err) {
        struct loc loc = st->body_loc.file ? st->body_loc : st->loc;
        diag_error(vc->diag, loc, "body of view \"%s\" does not compile: %s", st->name.name, err);
        diag_hint(vc->diag, "Views are checked with SQLite; a view written only for "
                            "PostgreSQL goes in a `sql postgres` block.");
        return false;
    }
    /* Keep only what the schema holds (not SQLite's own tables). */
    struct view_dep *out = arena_alloc(a, sizeof *out * (size_t)(r.deps.n + 1));
    int n = 0;
    for (int i = 0; i < r.deps.n; i++) {
        const struct view_dep *d = VEC_AT(r.deps, i, const struct view_dep *);
        const struct table *t = schema_find_table(s, d->table);
        const struct view *v = t ? NULL : schema_find_view(s, d->table);
        if (!t && !v)
            continue;
        out[n].table = t ? t->name : v->name;
        const struct column *col = t && d->column ? table_find_column(t, d->column) : NULL;
        out[n].column = col ? col->name : d->column;
        n++;
    }
    *deps = out;
    *ndeps = n;
    return true;
}
