/* The locks a migration waits for and takes. A statement that waits for
   a lock behind a long transaction makes every query on that table queue
   behind it: with a statement lock timeout it gives up instead
   (PostgreSQL's lock_timeout; SQLite's busy timeout, set at open), and
   the error says what held the lock. PostgreSQL's lock manager is read
   through pg_locks; SQLite locks the whole file and has nothing to list. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "migrator.h"

int locks_set_timeout(struct session *s, bool local, struct migc_err *e)
{
    if (s->lock_timeout_ms <= 0 || s->db.drv->dialect != MIGC_POSTGRES)
        return 0;
    char sql[64];
    snprintf(sql, sizeof sql, "SET %slock_timeout = %ld", local ? "LOCAL " : "",
             s->lock_timeout_ms);
    return s->db.drv->exec(s->db.conn, sql, e);
}

/* The drivers' words for it: PostgreSQL's SQLSTATE, which fail_result
   puts in every message, and SQLite's message for SQLITE_BUSY. */
bool locks_timed_out(const struct migc_err *e)
{
    return strstr(e->msg, "(SQLSTATE 55P03)") || strstr(e->msg, "database is locked");
}

/* Whether sql names name as an identifier (quoted or not, any case). */
static bool mentions(const char *sql, const char *name)
{
    size_t n = strlen(name);
    if (!n)
        return false;
    for (const char *p = sql; *p; p++) {
        if (strncasecmp(p, name, n) != 0)
            continue;
        char before = p > sql ? p[-1] : ' ', after = p[n];
        bool word_before = before == '_' || (before >= '0' && before <= '9') ||
                           ((before | 32) >= 'a' && (before | 32) <= 'z');
        bool word_after = after == '_' || (after >= '0' && after <= '9') ||
                          ((after | 32) >= 'a' && (after | 32) <= 'z');
        if (!word_before && !word_after)
            return true;
    }
    return false;
}

struct holders {
    struct rt *rt;
    const char *sql;
    struct sb text;            /* the holders, for a person */
    const char *first;         /* the first, short */
    int n;
};

/* relation, mode, pid, state, seconds in its transaction */
static int on_holder(void *ctx, int ncols, const char *const *v)
{
    (void)ncols;
    struct holders *h = ctx;
    if (h->sql && !mentions(h->sql, v[0]))
        return 0;
    if (h->n == 3) {
        sb_puts(&h->text, "; and more");
        return 1;
    }
    const char *state = v[3] && *v[3] ? v[3] : "running";
    sb_printf(&h->text, "%stable \"%s\" is locked by process %s (%s, %s", h->n ? "; " : "", v[0],
              v[2], v[1], state);
    if (v[4] && *v[4])
        sb_printf(&h->text, " for %s s", v[4]);
    sb_puts(&h->text, ")");
    if (!h->n)
        h->first = rt_printf(h->rt, "table \"%s\", held by process %s", v[0], v[2]);
    h->n++;
    return 0;
}

/* Other sessions' granted locks on relations of the current schema. */
static const char holders_sql[] =
    "SELECT c.relname, upper(regexp_replace(regexp_replace(l.mode, 'Lock$', ''), "
    "'([a-z])([A-Z])', '\\1 \\2', 'g')), l.pid::text, coalesce(a.state, ''), "
    "coalesce(extract(epoch FROM now() - a.xact_start)::bigint::text, '') "
    "FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_class c ON c.oid = l.relation "
    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid "
    "WHERE l.locktype = 'relation' AND l.granted AND l.pid <> pg_backend_pid() "
    "AND l.database = (SELECT oid FROM pg_catalog.pg_database "
    "WHERE datname = current_database()) AND n.nspname = current_schema() "
    "ORDER BY c.relname, l.pid";

/* Appends to e's hint how to go on. */
static void retry_hint(struct migc_err *e)
{
    char was[sizeof e->hint];
    snprintf(was, sizeof was, "%s", e->hint);
    err_hint(e, "%.700s%sRun again once the lock is free, or add --retries N to try again after "
                "a pause.", was, was[0] ? " " : "");
}

void locks_explain(struct rt *rt, struct session *s, struct migc_err *e, const char **holder)
{
    const char *waited = s->lock_timeout_ms > 0
                             ? rt_printf(rt, "%s (--statement-lock-timeout)",
                                         duration_format(rt, s->lock_timeout_ms))
                             : "until the database gave up";
    *holder = NULL;
    if (s->db.drv->dialect != MIGC_POSTGRES) {
        const char *file = s->url.target;
        *holder = rt_printf(rt, "another connection to \"%s\"", file);
        err_detail(e, "Another connection held a lock on the database file \"%s\"; the "
                      "migrator waited %s for it.", file, waited);
        retry_hint(e);
        return;
    }
    /* The statement named what it waited for; the holder, if it still
       holds it, is among the sessions that hold a lock on it now. */
    struct holders h = {.rt = rt,
                         .sql = s->failed_stmt ? migc_string(rt->p, s->failed_stmt->sql) : NULL};
    struct migc_err ignored;
    if (s->db.drv->query(s->db.conn, holders_sql, NULL, 0, on_holder, &h, &ignored) == 0 &&
        h.n) {
        char msg[sizeof e->msg];
        snprintf(msg, sizeof msg, "%s", e->msg);
        snprintf(e->msg, sizeof e->msg, "%.1000s: %.1000s", msg, sb_str(&h.text));
        err_detail(e, "The statement waited %s for a lock that another session holds; it gave "
                      "up rather than make every query on the table queue behind it.", waited);
        *holder = h.first;
    } else {
        err_detail(e, "The statement waited %s for a lock that another session held; it gave "
                      "up rather than make every query on the table queue behind it.", waited);
    }
    sb_free(&h.text);
    retry_hint(e);
}

struct held {
    struct rt *rt;
    struct lock_held *v;
    int n, cap;
};

static int on_held(void *ctx, int ncols, const char *const *v)
{
    (void)ncols;
    struct held *h = ctx;
    if (h->n == h->cap) {
        h->cap = h->cap ? h->cap * 2 : 8;
        struct lock_held *w = rt_alloc(h->rt, sizeof *w * (size_t)h->cap);
        if (h->n)
            memcpy(w, h->v, sizeof *w * (size_t)h->n);
        h->v = w;
    }
    h->v[h->n].relation = v[0] ? rt_strdup(h->rt, v[0]) : NULL;
    h->v[h->n].mode = v[1] ? rt_strdup(h->rt, v[1]) : NULL;
    h->v[h->n].oid = rt_strdup(h->rt, v[2]);
    h->n++;
    return 0;
}

/* The strongest mode per relation (pg_locks lists each mode held), by the
   lock modes' order of strength; relations of the system's schemas and
   migc's own tables ($1: the version table's name, a prefix of the
   others) are left out. A relation dropped in the transaction has no name
   any more (NULL). */
static const char held_sql[] =
    "SELECT name, upper(regexp_replace(regexp_replace(mode, 'Lock$', ''), "
    "'([a-z])([A-Z])', '\\1 \\2', 'g')), relation::text FROM ("
    "SELECT DISTINCT ON (l.relation) l.relation, "
    "coalesce(CASE c.relkind WHEN 'S' THEN 'sequence ' WHEN 'v' THEN 'view ' "
    "WHEN 'm' THEN 'materialized view ' ELSE '' END "
    "|| CASE WHEN n.nspname = current_schema() THEN c.relname "
    "ELSE n.nspname || '.' || c.relname END) AS name, "
    "l.mode FROM pg_catalog.pg_locks l "
    "LEFT JOIN pg_catalog.pg_class c ON c.oid = l.relation "
    "LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
    "WHERE l.locktype = 'relation' AND l.pid = pg_backend_pid() AND l.granted "
    "AND l.database = (SELECT oid FROM pg_catalog.pg_database "
    "WHERE datname = current_database()) "
    "AND (n.nspname IS NULL OR (n.nspname NOT IN ('pg_catalog', 'information_schema') "
    "AND n.nspname NOT LIKE 'pg\\_%')) "
    "AND (c.relname IS NULL OR left(c.relname, length($1)) <> $1) "
    "AND (c.relkind IS NULL OR c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')) "
    "ORDER BY l.relation, array_position(ARRAY['AccessExclusiveLock', 'ExclusiveLock', "
    "'ShareRowExclusiveLock', 'ShareLock', 'ShareUpdateExclusiveLock', 'RowExclusiveLock', "
    "'RowShareLock', 'AccessShareLock'], l.mode)) x ORDER BY 1 NULLS LAST, 3";

int locks_held(struct rt *rt, struct session *s, struct lock_held **out, int *n,
               struct migc_err *e)
{
    struct held h = {.rt = rt};
    *out = NULL;
    *n = 0;
    if (s->db.drv->dialect != MIGC_POSTGRES)
        return 0;
    const char *vt = s->db.vt;
    if (s->db.drv->query(s->db.conn, held_sql, &vt, 1, on_held, &h, e))
        return -1;
    *out = h.v;
    *n = h.n;
    return 0;
}

int locks_relations(struct rt *rt, struct session *s, struct lock_held **out, int *n,
                    struct migc_err *e)
{
    struct held h = {.rt = rt};
    *out = NULL;
    *n = 0;
    if (s->db.drv->dialect != MIGC_POSTGRES)
        return 0;
    if (s->db.drv->query(s->db.conn,
                         "SELECT CASE c.relkind WHEN 'S' THEN 'sequence ' WHEN 'v' THEN 'view ' "
                         "WHEN 'm' THEN 'materialized view ' ELSE '' END "
                         "|| CASE WHEN n.nspname = current_schema() THEN c.relname "
                         "ELSE n.nspname || '.' || c.relname END, NULL, c.oid::text "
                         "FROM pg_catalog.pg_class c "
                         "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                         "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') "
                         "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
                         "AND n.nspname NOT LIKE 'pg\\_%' ORDER BY c.oid::text COLLATE \"C\"",
                         NULL, 0, on_held, &h, e))
        return -1;
    *out = h.v;
    *n = h.n;
    return 0;
}
