#include "viewcheck.h"

#include <sqlite3.h>
#include <string.h>
#include <strings.h>

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

/* ---- PostgreSQL's syntax, for a project that targets only it ---------

   A view of such a project is PostgreSQL's SQL. Before SQLite prepares
   it, what SQLite's parser lacks is rewritten into something it reads
   with the same column references: casts (x::type) lose their type,
   typed literals (interval '1 day') their type name, dollar-quoted
   strings become '', ilike is like, the operators only PostgreSQL has
   (~, ~*, !~, !~*, ->, ->>, #>, #>>, @>, <@, ?, ?|, ?&) become =,
   array[...] is a call, subscripts go, extract(f from x) is extract(x),
   and x = any (...) / all / some call a function. Functions SQLite does
   not have are registered as do-nothing functions when it names them. */

static bool is_word_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

/* The length of the word at p (0 when none). */
static size_t word_len(const char *p)
{
    size_t n = 0;
    if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p == '_' ||
          (unsigned char)*p >= 0x80))
        return 0;
    while (is_word_char(p[n]))
        n++;
    return n;
}

static bool word_is(const char *p, size_t n, const char *w)
{
    return strlen(w) == n && strncasecmp(p, w, n) == 0;
}

static const char *skip_blanks(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    return p;
}

/* Past the balanced (...) or [...] that opens at p. */
static const char *skip_group(const char *p)
{
    char open = *p, close = open == '(' ? ')' : ']';
    int depth = 0;
    for (; *p; p++) {
        if (*p == '\'' || *p == '"') {
            char q = *p;
            for (p++; *p && *p != q; p++)
                ;
            if (!*p)
                return p;
        } else if (*p == open) {
            depth++;
        } else if (*p == close && --depth == 0) {
            return p + 1;
        }
    }
    return p;
}

/* Past the type name of a cast at p: words (double precision,
   timestamp with time zone), a quoted name, (params), []. */
static const char *skip_type(const char *p)
{
    static const char *const more[] = {"precision", "varying", "with", "without", "time", "zone"};
    p = skip_blanks(p);
    if (*p == '"') {
        for (p++; *p && *p != '"'; p++)
            ;
        if (*p)
            p++;
    } else {
        p += word_len(p);
    }
    for (;;) {
        const char *q = skip_blanks(p);
        size_t n = word_len(q);
        bool cont = false;
        for (size_t i = 0; n && i < sizeof more / sizeof more[0]; i++)
            cont |= word_is(q, n, more[i]);
        if (cont) {
            p = q + n;
        } else if (*q == '(' || *q == '[') {
            p = skip_group(q);
        } else {
            return p;
        }
    }
}

static bool is_type_word(const char *p, size_t n)
{
    static const char *const types[] = {
        "interval", "date", "time", "timestamp", "timestamptz", "json", "jsonb", "uuid",
        "numeric", "decimal", "text", "varchar", "boolean", "bool", "integer", "int", "bigint",
        "smallint", "real", "inet", "cidr", "bytea",
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (word_is(p, n, types[i]))
            return true;
    return false;
}

/* The last character written that is not blank, or 0. */
static char last_char(const struct strbuf *b)
{
    for (size_t i = b->len; i > 0; i--)
        if (b->s[i - 1] != ' ' && b->s[i - 1] != '\t' && b->s[i - 1] != '\n' &&
            b->s[i - 1] != '\r')
            return b->s[i - 1];
    return 0;
}

static const char *pg_to_sqlite(struct arena *a, const char *sql)
{
    static const char *const ops[] = {"!~*", "->>", "#>>", "!~", "~*", "->", "#>", "@>",
                                      "<@", "?|", "?&", "?"};
    struct strbuf b = {0};
    struct vec brackets = {0};     /* per open [: "]" or ")" */
    const char *p = sql;
    while (*p) {
        char ch = *p;
        if (ch == '\'' || ch == '"') {
            const char *start = p;
            for (p++; *p; p++)
                if (*p == ch) {
                    if (p[1] != ch)
                        break;
                    p++;
                }
            if (*p)
                p++;
            strbuf_putn(&b, start, (size_t)(p - start));
            continue;
        }
        if (ch == '-' && p[1] == '-') {
            while (*p && *p != '\n')
                p++;
            continue;
        }
        if (ch == '/' && p[1] == '*') {
            const char *end = strstr(p + 2, "*/");
            p = end ? end + 2 : p + strlen(p);
            strbuf_putc(&b, ' ');
            continue;
        }
        if (ch == '$') {
            /* $tag$: the tag is a word without a $ */
            size_t n = 0;
            while (p[n + 1] != '$' && is_word_char(p[n + 1]) && (n > 0 || word_len(p + 1)))
                n++;
            if (p[n + 1] == '$') {
                char *tag = arena_strndup(a, p, n + 2);
                const char *end = strstr(p + n + 2, tag);
                p = end ? end + n + 2 : p + strlen(p);
                strbuf_puts(&b, "''");
                continue;
            }
        }
        if (ch == ':' && p[1] == ':') {
            p = skip_type(p + 2);
            continue;
        }
        size_t n = word_len(p);
        if (n) {
            const char *after = skip_blanks(p + n);
            char prev = last_char(&b);
            if (word_is(p, n, "ilike")) {
                strbuf_puts(&b, "LIKE");
            } else if (word_is(p, n, "array") && *after == '[') {
                strbuf_puts(&b, "migc_array(");
                vec_push(a, &brackets, ")");
                after++;
                p = after;
                continue;
            } else if (word_is(p, n, "extract") && *after == '(' &&
                       word_len(skip_blanks(after + 1))) {
                const char *f = skip_blanks(after + 1);
                const char *from = skip_blanks(f + word_len(f));
                if (word_is(from, word_len(from), "from")) {
                    strbuf_puts(&b, "extract(");
                    p = from + 4;
                    continue;
                }
                strbuf_putn(&b, p, n);
            } else if ((word_is(p, n, "any") || word_is(p, n, "all") || word_is(p, n, "some")) &&
                       *after == '(' && (prev == '=' || prev == '>' || prev == '<')) {
                strbuf_puts(&b, "migc_any");
            } else if (is_type_word(p, n) && *after == '\'' && !is_word_char(prev)) {
                /* date '2020-01-01': the literal alone */
            } else {
                strbuf_putn(&b, p, n);
            }
            p += n;
            continue;
        }
        if (ch == '[') {
            /* A subscript: dropped with what it holds. */
            p = skip_group(p);
            continue;
        }
        if (ch == ']' && brackets.n) {
            strbuf_puts(&b, VEC_AT(brackets, brackets.n - 1, const char *));
            brackets.n--;
            p++;
            continue;
        }
        bool op = false;
        for (size_t i = 0; i < sizeof ops / sizeof ops[0] && !op; i++)
            if (strncmp(p, ops[i], strlen(ops[i])) == 0) {
                strbuf_puts(&b, " = ");
                p += strlen(ops[i]);
                op = true;
            }
        if (op)
            continue;
        if (ch == '~') {
            char prev = last_char(&b);
            /* binary after an operand; SQLite's own unary ~ otherwise */
            strbuf_puts(&b, is_word_char(prev) || prev == '\'' || prev == '"' || prev == ')'
                                ? " = " : "~");
            p++;
            continue;
        }
        strbuf_putc(&b, ch);
        p++;
    }
    return strbuf_to_arena(&b, a);
}

static void do_nothing(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    sqlite3_result_null(ctx);
}

/* After "no such function: NAME", registers NAME as do_nothing; false
   when err is another error. */
static bool add_missing_function(sqlite3 *db, const char *err)
{
    static const char prefix[] = "no such function: ";
    if (strncmp(err, prefix, sizeof prefix - 1) != 0)
        return false;
    return sqlite3_create_function(db, err + sizeof prefix - 1, -1, SQLITE_UTF8, NULL, do_nothing,
                                   NULL, NULL) == SQLITE_OK;
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
                         bool postgres, unsigned on, struct vec *created, int depth)
{
    struct arena *a = vc->arena;
    struct vec words = {0};
    scan_names(a, body, &words);
    for (int i = 0; i < words.n; i++) {
        const char *w = VEC_AT(words, i, const char *);
        if (seen(created, w))
            continue;
        const struct table *t = schema_find_table(s, w);
        const struct view *v = t ? NULL : view_on(schema_find_view(s, w), on);
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
            const char *vbody = postgres ? pg_to_sqlite(a, v->body) : v->body;
            create_named(vc, s, vbody, postgres, on, created, depth + 1);
            strbuf_put_quoted(&b, v->name, '"');
            strbuf_puts(&b, wrap_body(a, " AS SELECT * FROM ", vbody));
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

/* Whether err says that body names a relation or column the schema
   lacks, which the database would refuse too; a table function (a name
   called in FROM, such as generate_series) is not one. */
/* Back from p over blanks: the character before them, or NULL at start. */
static const char *back_blanks(const char *start, const char *p)
{
    while (p > start && (p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n' || p[-1] == '\r'))
        p--;
    return p > start ? p - 1 : NULL;
}

/* Whether the word ending at q (its last character) is w; its start goes
   to *from. */
static bool word_before(const char *start, const char *q, const char *w, const char **from)
{
    const char *p = q + 1;
    while (p > start && is_word_char(p[-1]))
        p--;
    *from = p;
    return word_is(p, (size_t)(q + 1 - p), w);
}

/* Whether name is a relation's alias in body (`(...) name`, `t AS name`
   after FROM, JOIN or a comma): PostgreSQL reads it alone as the whole
   row (row_to_json(r)), which SQLite takes for a missing column. */
static bool is_alias(const char *body, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = body; *p; p++) {
        if (strncasecmp(p, name, n) != 0 || is_word_char(p[n]) ||
            (p > body && is_word_char(p[-1])))
            continue;
        const char *q = back_blanks(body, p), *w;
        if (q && is_word_char(*q) && word_before(body, q, "as", &w))
            q = back_blanks(body, w);
        if (q && *q == ')')
            return true;
        if (!q || !is_word_char(*q))
            continue;
        word_before(body, q, "", &w);
        q = back_blanks(body, w);
        if (q && (*q == ',' || (is_word_char(*q) && (word_before(body, q, "from", &w) ||
                                                     word_before(body, q, "join", &w)))))
            return true;
    }
    return false;
}

static bool names_missing(const char *body, const char *err)
{
    static const char table[] = "no such table: ", column[] = "no such column: ";
    if (strncmp(err, column, sizeof column - 1) == 0)
        return !is_alias(body, err + sizeof column - 1);
    if (strncmp(err, table, sizeof table - 1) != 0)
        return false;
    const char *name = err + sizeof table - 1;
    size_t n = strlen(name);
    for (const char *p = body; *p; p++)
        if (strncasecmp(p, name, n) == 0 && !is_word_char(p[n]) &&
            (p == body || !is_word_char(p[-1])) && *skip_blanks(p + n) == '(')
            return false;
    return true;
}

bool viewcheck_view(struct viewcheck *vc, const struct schema *s, const struct stmt *st,
                    bool postgres, bool lenient, unsigned on, const struct view_dep **deps,
                    int *ndeps)
{
    struct arena *a = vc->arena;
    *deps = NULL;
    *ndeps = 0;
    const char *body = st->body ? st->body : "";
    if (postgres)
        body = pg_to_sqlite(a, body);
    sqlite3_exec(vc->db, "SAVEPOINT migc_view", NULL, NULL, NULL);
    struct vec created = {0};
    create_named(vc, s, body, postgres, on, &created, 0);

    struct reads r = {.arena = a};
    const char *err = NULL;
    /* Each try registers at most one missing function. */
    for (int try = 0; try < 64; try++) {
        r.deps.n = 0;
        sqlite3_set_authorizer(vc->db, authorize, &r);
        sqlite3_stmt *stmt = NULL;
        const char *tail = NULL;
        int rc = sqlite3_prepare_v2(vc->db, wrap_body(a, "SELECT * FROM ", body), -1, &stmt, &tail);
        sqlite3_set_authorizer(vc->db, NULL, NULL);
        err = rc == SQLITE_OK ? NULL : arena_strdup(a, sqlite3_errmsg(vc->db));
        sqlite3_finalize(stmt);
        if (!err || !postgres || !add_missing_function(vc->db, err))
            break;
    }
    sqlite3_exec(vc->db, "ROLLBACK TO migc_view", NULL, NULL, NULL);
    sqlite3_exec(vc->db, "RELEASE migc_view", NULL, NULL, NULL);

    if (err && lenient && !names_missing(body, err)) {
        /* SQL SQLite cannot read, even rewritten: the database checks it. */
        return true;
    }
    if (err) {
        struct loc loc = st->body_loc.file ? st->body_loc : st->loc;
        diag_error(vc->diag, loc, "body of %s \"%s\" does not compile: %s",
                   st->materialized ? "materialized view" : "view", st->name.name, err);
        if (lenient)
            diag_hint(vc->diag, "PostgreSQL would refuse it too: a name it reads does not "
                                "exist at this point of the history.");
        else if (postgres)
            diag_hint(vc->diag, "Views are checked with SQLite, reading PostgreSQL's casts, "
                                "operators and functions; a view it still cannot read goes in "
                                "a `sql postgres` block.");
        else if (!st->sql_dialect)
            diag_hint(vc->diag, "Views are checked with SQLite; a view written for PostgreSQL "
                                "only is `create view V postgres as $$...$$`, or needs "
                                "--dialect postgres.");
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
