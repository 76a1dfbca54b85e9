/* Which database to use: the URL's precedence and forms. */
#include <stdlib.h>
#include <string.h>

#include "migrator.h"

int dburl_parse(struct rt *rt, const char *url, struct dburl *u, struct migc_err *e)
{
    u->url = url;
    if (strncmp(url, "sqlite:", 7) == 0) {
        const char *rest = url + 7;
        if (strncmp(rest, "//", 2) != 0) {
            err_set(e, EXIT_USAGE, "could not use database URL \"%s\": a SQLite URL has three "
                    "slashes", dburl_display(rt, url));
            err_hint(e, "Write sqlite:///relative/path.db, sqlite:////absolute/path.db or "
                        "sqlite:///:memory:.");
            return -1;
        }
        rest += 2;
        u->dialect = MIGC_SQLITE;
        if (*rest == '\0') {
            u->target = ":memory:";
            return 0;
        }
        if (*rest != '/') {
            err_set(e, EXIT_USAGE, "could not use database URL \"%s\": a SQLite URL has three "
                    "slashes", dburl_display(rt, url));
            err_hint(e, "Write sqlite:///relative/path.db, sqlite:////absolute/path.db or "
                        "sqlite:///:memory:.");
            return -1;
        }
        rest++;
        /* Query parameters (?mode=...) are not file names. */
        char *path = rt_strdup(rt, rest);
        char *q = strchr(path, '?');
        if (q)
            *q = '\0';
        if (*path == '\0') {
            err_set(e, EXIT_USAGE, "could not use database URL \"%s\": it names no file", url);
            return -1;
        }
        u->target = path;
        return 0;
    }
    if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0) {
        u->dialect = MIGC_POSTGRES;
        u->target = url;
        return 0;
    }
    const char *colon = strstr(url, "://");
    err_set(e, EXIT_USAGE, "could not use database URL \"%s\": unrecognized scheme \"%.*s\"",
            dburl_display(rt, url), colon ? (int)(colon - url) : (int)strlen(url), url);
    err_hint(e, "Use sqlite:///path.db or postgresql://user@host/dbname.");
    return -1;
}

int dburl_resolve(struct rt *rt, const char *option, struct dburl *u, struct migc_err *e)
{
    const char *env = rt->p->url_env && *rt->p->url_env ? rt->p->url_env : "DATABASE_URL";
    const char *url = NULL, *source = NULL;
    if (option) {
        url = option;
        source = "--database-url";
    }
    if (!url) {
        const char *v = getenv(env);
        if (v && *v) {
            url = v;
            source = rt_printf(rt, "environment variable %s", env);
        }
    }
    if (!url) {
        const char *v = dotenv_lookup(rt, ".env", env);
        if (v && *v) {
            url = v;
            source = rt_printf(rt, "%s in .env", env);
        }
    }
    if (!url && rt->p->default_url && *rt->p->default_url) {
        url = rt->p->default_url;
        source = "the default";
    }
    if (!url) {
        err_set(e, EXIT_USAGE, "no database URL given");
        err_hint(e, "Pass --database-url, or set %s in the environment or in .env.", env);
        return -1;
    }
    if (dburl_parse(rt, url, u, e))
        return -1;
    u->source = source;
    return 0;
}

const char *dburl_display(struct rt *rt, const char *url)
{
    const char *scheme = strstr(url, "://");
    if (!scheme)
        return url;
    const char *auth = scheme + 3;
    const char *end = auth + strcspn(auth, "/?#");
    const char *atsign = NULL;
    for (const char *c = auth; c < end; c++)
        if (*c == '@')
            atsign = c;
    char *out = rt_strdup(rt, url);
    if (atsign) {
        const char *colon = memchr(auth, ':', (size_t)(atsign - auth));
        if (colon)
            out = rt_printf(rt, "%.*s***%s", (int)(colon + 1 - url), url, atsign);
    }
    /* A password can also come as a query parameter (libpq's password=). */
    char *pw = strstr(out, "password=");
    if (pw) {
        size_t keep = (size_t)(pw - out) + 9;
        const char *after = pw + 9 + strcspn(pw + 9, "&");
        out = rt_printf(rt, "%.*s***%s", (int)keep, out, after);
    }
    return out;
}
