/* Which database to use: the URL's precedence and forms, and the one
   redactor every URL and every message that may quote one goes through.

   A password can sit in a URL in several places and spellings: in the
   userinfo (postgresql://user:pw@host), where an unencoded '@', '/', ':',
   '?' or '#' in it makes readers disagree on where it ends; as a password=
   query parameter; percent-encoded or not. The redactor does not guess
   which reading is right: it hides every reading. A URL that does not
   parse is never shown at all, only where it came from. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "migrator.h"

static const char sqlite_forms[] =
    "Write sqlite:///relative/path.db, sqlite:////absolute/path.db or, for a "
    "throwaway in-memory database, sqlite:///:memory:.";

/* The scheme of url when it is written scheme:// and is one of the
   well-known ones below; 0 otherwise. Only such a scheme is ever quoted
   in a message: any other might be a password pasted in the wrong place. */
static size_t known_scheme(const char *url)
{
    static const char *const known[] = {
        "mysql", "mariadb", "mssql", "sqlserver", "oracle", "mongodb", "mongodb+srv",
        "redis", "cockroachdb", "http", "https", "file", "jdbc", "sqlite3", "pgsql", "psql",
        "postgresql+psycopg2", "postgresql+psycopg", "postgresql+asyncpg", "postgresql+pg8000",
        "sqlite+pysqlite", "mysql+pymysql", "mysql+mysqldb",
    };
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
        size_t n = strlen(known[i]);
        if (strncmp(url, known[i], n) == 0 && strncmp(url + n, "://", 3) == 0)
            return n;
    }
    return 0;
}

/* True for a libpq keyword/value string: "host=db dbname=app ...". */
static bool is_keyword_value(const char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    if (!isalpha((unsigned char)*s) && *s != '_')
        return false;
    while (isalnum((unsigned char)*s) || *s == '_')
        s++;
    while (isspace((unsigned char)*s))
        s++;
    return *s == '=';
}

bool dburl_looks_like(const char *s)
{
    return strstr(s, "://") || is_keyword_value(s) || strncmp(s, "sqlite:", 7) == 0 ||
           strncmp(s, "postgres:", 9) == 0 || strncmp(s, "postgresql:", 11) == 0;
}

static int hexval(int c)
{
    return isdigit(c) ? c - '0' : isxdigit(c) ? (tolower(c) - 'a' + 10) : -1;
}

static char *percent_decode(struct rt *rt, const char *s, size_t n)
{
    char *d = rt_alloc(rt, n + 1);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        int h, l;
        if (s[i] == '%' && i + 2 < n && (h = hexval((unsigned char)s[i + 1])) >= 0 &&
            (l = hexval((unsigned char)s[i + 2])) >= 0) {
            d[k++] = (char)(h * 16 + l);
            i += 2;
        } else {
            d[k++] = s[i];
        }
    }
    d[k] = '\0';
    return d;
}

static void add_secret(struct rt *rt, struct dburl *u, const char *s, size_t n)
{
    if (n == 0 || u->nsecrets + 2 > DBURL_MAX_SECRETS)
        return;
    char *raw = rt_alloc(rt, n + 1);
    memcpy(raw, s, n);
    u->secrets[u->nsecrets++] = raw;
    char *dec = percent_decode(rt, s, n);
    if (strcmp(dec, raw) != 0)
        u->secrets[u->nsecrets++] = dec;
}

/* The end of a URL's userinfo read generously: the last '@' before the
   query (a '?' after the first '@' or '/'), or NULL. rest follows "://".
   libpq ends it at the first '@' before any '/'. */
static const char *userinfo_end(const char *rest)
{
    const char *first = rest + strcspn(rest, "@/");
    const char *q = first + strcspn(first, "?");
    const char *last = NULL;
    for (const char *c = rest; c < q; c++)
        if (*c == '@')
            last = c;
    return last;
}

/* Every reading of the password in url: the userinfo as libpq reads it,
   the userinfo read generously (an unencoded '@' or '/' in the
   password), and each password= parameter, up to a '&' and beyond. */
static void find_secrets(struct rt *rt, struct dburl *u, const char *url)
{
    const char *rest = strstr(url, "://");
    if (rest) {
        rest += 3;
        const char *first = rest + strcspn(rest, "@/");
        const char *last = userinfo_end(rest);
        if (*first == '@') {
            const char *colon = memchr(rest, ':', (size_t)(first - rest));
            if (colon)
                add_secret(rt, u, colon + 1, (size_t)(first - colon - 1));
        }
        if (last) {
            const char *colon = memchr(rest, ':', (size_t)(last - rest));
            if (colon)
                add_secret(rt, u, colon + 1, (size_t)(last - colon - 1));
        }
    }
    for (const char *p = url; (p = strstr(p, "password=")); p += 9) {
        const char *v = p + 9;
        add_secret(rt, u, v, strcspn(v, "&"));
        add_secret(rt, u, v, strlen(v));
    }
}

/* The error for a URL that cannot be used: where it came from, what is
   wrong, never the URL. */
static int refuse(struct migc_err *e, const char *source, const char *why, const char *hint)
{
    err_set(e, EXIT_USAGE, "could not use the database URL from %s: %s", source, why);
    if (hint)
        err_hint(e, "%s", hint);
    return -1;
}

/* libpq reads the password up to the first '@' before any '/'; when
   that is not the whole userinfo, the rest of the password would become
   the host, port or database name and show in libpq's messages. */
static bool userinfo_ambiguous(const char *url)
{
    const char *rest = strstr(url, "://") + 3;
    const char *first = rest + strcspn(rest, "@/");
    const char *last = userinfo_end(rest);
    return last && first != last;
}

int dburl_parse(struct rt *rt, const char *url, const char *source, struct dburl *u,
                struct migc_err *e)
{
    memset(u, 0, sizeof *u);
    u->url = url;
    u->source = source;
    if (strncmp(url, "sqlite:", 7) == 0) {
        const char *rest = url + 7;
        if (strncmp(rest, "//", 2) != 0)
            return refuse(e, source, "a SQLite URL starts with sqlite:///", sqlite_forms);
        rest += 2;
        u->dialect = MIGC_SQLITE;
        if (*rest == '\0')
            return refuse(e, source, "it names no database file (sqlite:// is not an in-memory "
                                     "database)", sqlite_forms);
        if (*rest != '/')
            return refuse(e, source, "a SQLite URL has three slashes", sqlite_forms);
        rest++;
        /* Query parameters (?mode=...) are not file names. */
        char *path = rt_strdup(rt, rest);
        path[strcspn(path, "?")] = '\0';
        if (*path == '\0')
            return refuse(e, source, "it names no database file", sqlite_forms);
        find_secrets(rt, u, url);
        u->target = path;
        return 0;
    }
    static const char pg_forms[] =
        "Write postgresql://USER:PASSWORD@HOST:PORT/DBNAME?PARAMETER=VALUE, with '@', "
        "'/', ':', '?', '#', '&', '%' and blanks in the user name or password "
        "percent-encoded (%40, %2F, %3A, %3F, %23, %26, %25, %20).";
    if (strncmp(url, "postgresql:", 11) == 0 || strncmp(url, "postgres:", 9) == 0) {
        size_t n = url[8] == ':' ? 9 : 11;
        if (strncmp(url + n, "//", 2) != 0)
            return refuse(e, source, "a PostgreSQL URL starts with postgresql://", pg_forms);
        u->dialect = MIGC_POSTGRES;
        find_secrets(rt, u, url);
        if (userinfo_ambiguous(url))
            return refuse(e, source, "its user name or password holds an unencoded '@' or '/'",
                          pg_forms);
        if (strpbrk(url, " \t\n\r\v\f"))
            return refuse(e, source, "it holds a blank", pg_forms);
        u->target = url;
        return 0;
    }
    if (is_keyword_value(url))
        return refuse(e, source,
                      "it is a libpq keyword/value string, which is not accepted (only URLs are)",
                      pg_forms);
    size_t sl = known_scheme(url);
    if (sl) {
        char why[96];
        snprintf(why, sizeof why, "unrecognized scheme \"%.*s\"", (int)sl, url);
        return refuse(e, source, why,
                      "Use sqlite:///path.db or postgresql://user@host/dbname.");
    }
    return refuse(e, source,
                  strstr(url, "://") ? "unrecognized scheme" : "it is not a URL",
                  "Use sqlite:///path.db or postgresql://user@host/dbname.");
}

int dburl_find(struct rt *rt, const char *option, struct dburl *u, struct migc_err *e)
{
    const char *env = rt_url_env(rt);
    memset(u, 0, sizeof *u);
    if (option)
        return dburl_parse(rt, option, "--database-url", u, e);
    const char *v = getenv(env);
    if (v && *v)
        return dburl_parse(rt, v, rt_printf(rt, "the environment variable %s", env), u, e);
    int line = 0;
    if (dotenv_lookup(rt, ".env", env, &v, &line, e))
        return -1;
    if (v && *v)
        return dburl_parse(rt, v, rt_printf(rt, ".env:%d", line), u, e);
    const char *def = migc_string(rt->p, rt->p->default_url);
    if (*def)
        return dburl_parse(rt, def, "the build's default", u, e);
    return 0;
}

int dburl_resolve(struct rt *rt, const char *option, struct dburl *u, struct migc_err *e)
{
    if (dburl_find(rt, option, u, e))
        return -1;
    if (!u->url) {
        const char *env = rt_url_env(rt);
        err_set(e, EXIT_USAGE, "no database URL given");
        err_hint(e, "Pass --database-url, or set %s in the environment or in .env.", env);
        return -1;
    }
    return 0;
}

/* Replaces s[at..at+n) by "***". */
static char *mask(struct rt *rt, const char *s, size_t at, size_t n)
{
    return rt_printf(rt, "%.*s***%s", (int)at, s, s + at + n);
}

const char *dburl_display(struct rt *rt, const char *url)
{
    struct dburl u;
    struct migc_err ignored;
    if (dburl_parse(rt, url, "", &u, &ignored))
        return "(a database URL that cannot be parsed)";
    char *out = rt_strdup(rt, url);
    if (u.dialect == MIGC_POSTGRES) {
        /* Everything from the first ':' of the userinfo to its last '@':
           whichever reading of the password is right, it is in there. */
        char *rest = strstr(out, "://") + 3;
        const char *last = userinfo_end(rest);
        char *colon = last ? memchr(rest, ':', (size_t)(last - rest)) : NULL;
        if (colon)
            out = mask(rt, out, (size_t)(colon + 1 - out), (size_t)(last - colon - 1));
    }
    for (size_t at = 0; strstr(out + at, "password=");) {
        char *v = strstr(out + at, "password=") + 9;
        size_t start = (size_t)(v - out);
        out = mask(rt, out, start, strcspn(v, "&"));
        at = start + 3;
    }
    dburl_scrub(&u, out);
    return out;
}

void dburl_scrub(const struct dburl *u, char *s)
{
    for (int i = 0; i < u->nsecrets; i++)
        dburl_scrub_secret(u->secrets[i], s);
}

/* A secret shorter than four characters would also match ordinary words,
   so it is hidden only where a URL or libpq puts a password: after ':' or
   '=' and before '@', '&', a quote, a blank or the end. */
void dburl_scrub_secret(const char *sec, char *s)
{
    if (!sec || !*sec || !s)
        return;
    size_t sl = strlen(sec);
    char *from = s, *p;
    while ((p = strstr(from, sec))) {
        char after = p[sl];
        bool placed = p > s && (p[-1] == ':' || p[-1] == '=') &&
                      (after == '@' || after == '&' || after == '"' || after == '\'' ||
                       after == ' ' || after == '\0');
        if (sl < 4 && !placed) {
            from = p + 1;
            continue;
        }
        size_t rl = sl < 3 ? sl : 3;
        memset(p, '*', rl);
        memmove(p + rl, p + sl, strlen(p + sl) + 1);
        from = p + rl;
    }
}
