/* The authoring commands: init, revision (with --autogenerate) and merge.
   Every file they write comes out formatted (fmt.h), and none is ever
   written over an existing one. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "author.h"
#include "autogen.h"
#include "cli.h"
#include "dialect.h"
#include "fmt.h"
#include "parse.h"
#include "session.h"

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Creates path with text; fails (errno EEXIST) rather than replace a file. */
bool author_write_new(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
    if (fd < 0)
        return false;
    size_t len = strlen(text), done = 0;
    while (done < len) {
        ssize_t w = write(fd, text + done, len - done);
        if (w <= 0) {
            close(fd);
            unlink(path);
            return false;
        }
        done += (size_t)w;
    }
    return close(fd) == 0;
}

static int write_error(const char *cmd, const char *path)
{
    if (errno == EEXIST)
        cli_error(cmd, "\"%s\" already exists; nothing was written", path);
    else
        cli_error(cmd, "could not write \"%s\": %s", path, strerror(errno));
    return 1;
}

/* ---- init --------------------------------------------------------------- */

static const char init_usage[] =
    "usage: migc init [DIR]\n"
    "\n"
    "Scaffold a migrations directory (default: migrations): DIR/versions/ for\n"
    "the migration files, an empty DIR/models.schema for --autogenerate, a\n"
    "DIR/README.md on the workflow and DIR/.env.example. DIR must not exist\n"
    "or be empty.\n";

static const char readme_text[] =
    "# Database migrations\n"
    "\n"
    "This directory holds the project's database migrations, written in migc's\n"
    "`.mig` language and compiled by `migc` into one migrator program that\n"
    "upgrades and downgrades SQLite and PostgreSQL databases.\n"
    "\n"
    "- `versions/`: one `.mig` file per revision, `<revision>_<slug>.mig`.\n"
    "- `models.schema`: the schema as it should be (`create table`, `create index`\n"
    "  and `create view` statements), for `migc revision --autogenerate`.\n"
    "- `.env.example`: copy it to `.env` and set `DATABASE_URL`.\n"
    "\n"
    "## Set-up\n"
    "\n"
    "Build the migrator with the project (CMake):\n"
    "\n"
    "```cmake\n"
    "find_package(migc REQUIRED)\n"
    "migc_add_migrator(TARGET myapp-migrate DIR migrations)\n"
    "```\n"
    "\n"
    "or by hand: `migc build migrations -o myapp-migrate`. The migrator finds the\n"
    "database in `--database-url`, then `$DATABASE_URL`, then a `.env` file in the\n"
    "working directory: `sqlite:///app.db`, `sqlite:////abs/path.db` or\n"
    "`postgresql://user:password@host:5432/dbname`.\n"
    "\n"
    "## Creating a migration\n"
    "\n"
    "```sh\n"
    "migc revision migrations -m \"add users table\"     # an empty migration to fill in\n"
    "migc revision migrations -m \"add email\" --autogenerate   # from models.schema\n"
    "migc check migrations                             # check everything, build nothing\n"
    "migc sql migrations --dialect postgres head        # the SQL it will run\n"
    "```\n"
    "\n"
    "`migc revision` writes `versions/<id>_<slug>.mig` revising the current head.\n"
    "With `--autogenerate` it compares the head's schema with `models.schema` and\n"
    "writes the statements between them; read the result before committing it: a\n"
    "renamed column looks like a dropped one and a new one (a `-- review:` comment\n"
    "says so), and a drop deletes data. `migc fmt migrations` lays files out in\n"
    "the canonical style; `migc fmt --check` tells CI which are not.\n"
    "\n"
    "## Example migration\n"
    "\n"
    "```\n"
    "revision 3f2a9b0c11de\n"
    "revises base\n"
    "message 'add users table'\n"
    "created '2026-01-11'\n"
    "\n"
    "upgrade {\n"
    "    create table users (\n"
    "        id         bigint       primary key identity,\n"
    "        email      varchar(100) not null unique,\n"
    "        created_at timestamp    not null default current_timestamp\n"
    "    );\n"
    "    create index ix_users_created_at on users (created_at);\n"
    "}\n"
    "```\n"
    "\n"
    "Without a `downgrade { ... }` block migc derives the downgrade (here: drop the\n"
    "index, drop the table) and proves it restores the previous schema. Write one\n"
    "for `sql` blocks and inserts it cannot invert, or `downgrade irreversible;`.\n"
    "\n"
    "## Applying and reverting\n"
    "\n"
    "```sh\n"
    "myapp-migrate upgrade head        # apply everything pending\n"
    "myapp-migrate upgrade +1          # apply the next revision only\n"
    "myapp-migrate downgrade -1        # revert the last revision\n"
    "myapp-migrate downgrade base      # revert everything\n"
    "myapp-migrate upgrade head --sql  # print the SQL instead of running it\n"
    "```\n"
    "\n"
    "Each migration runs in its own transaction: a failure leaves the database as\n"
    "it was before that migration.\n"
    "\n"
    "## Checking status\n"
    "\n"
    "```sh\n"
    "myapp-migrate current             # the revision(s) the database is at\n"
    "myapp-migrate history --verbose   # every revision: applied or pending\n"
    "myapp-migrate check               # exit 3 unless at head and matching\n"
    "migc history migrations           # the revision graph, offline\n"
    "migc heads migrations\n"
    "```\n"
    "\n"
    "## Best practices\n"
    "\n"
    "- Never edit a migration that has been applied anywhere: the migrator\n"
    "  refuses a changed checksum. Write a new migration instead (comments,\n"
    "  layout, the message and the downgrade may change freely).\n"
    "- One change per migration, with a message saying why.\n"
    "- Run `migc check` in CI, with `-Werror` to make data-loss warnings fail.\n"
    "- Add a not null column in steps: nullable (or with a default), fill it,\n"
    "  then `alter column ... set not null`.\n"
    "- Create big indexes with `create index concurrently` in a migration with\n"
    "  `transaction none`.\n"
    "- Keep `models.schema` and the migrations in the same commit.\n"
    "\n"
    "## Troubleshooting\n"
    "\n"
    "**`Can't locate revision identified by 'X'`**: the database (or a target you\n"
    "gave) names a revision this migrator does not know. Either migration files\n"
    "are missing from this checkout (pull them, rebuild), or a newer migrator was\n"
    "run against this database. Rebuild from the branch that has revision X; if\n"
    "the revision was truly abandoned, `myapp-migrate stamp <rev> --purge` records\n"
    "the revision the schema really is at.\n"
    "\n"
    "**`Target database is not up to date`**: `check` found pending revisions (it\n"
    "lists them). Run `myapp-migrate upgrade head`, then check again.\n"
    "\n"
    "**`Multiple heads detected`**: two migrations revise the same parent, usually\n"
    "from two branches merged in git. Write a merge migration:\n"
    "`migc merge migrations heads -m \"merge branches\"`; or target one branch with\n"
    "`LABEL@head`, `--head REV`, or all of them with `heads`.\n";

static const char env_text[] =
    "# Copy to .env (which should not be committed); the migrator reads it\n"
    "# when DATABASE_URL is not set in the environment.\n"
    "DATABASE_URL=sqlite:///app.db\n"
    "# DATABASE_URL=postgresql://user:password@localhost:5432/myapp\n";

/* True when path does not exist or is a directory with no entries. */
static bool dir_is_empty(const char *path)
{
    DIR *d = opendir(path);
    if (!d)
        return errno == ENOENT;
    bool empty = true;
    struct dirent *e;
    while (empty && (e = readdir(d)))
        empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
    closedir(d);
    return empty;
}

/* mkdir -p: creates path and its missing parents. */
bool author_make_dirs(struct arena *a, const char *path)
{
    char *p = arena_strdup(a, path);
    for (char *q = p + 1; *q; q++) {
        if (*q != '/')
            continue;
        *q = '\0';
        if (mkdir(p, 0755) != 0 && errno != EEXIST)
            return false;
        *q = '/';
    }
    return mkdir(p, 0755) == 0 || errno == EEXIST;
}

int cmd_init(int argc, char **argv)
{
    const char *pos[1];
    int npos;
    enum cli_parsed parsed = cli_parse("init", init_usage, argc, argv, NULL, 0, pos, 1, &npos);
    if (parsed != CLI_PARSED)
        return cli_parsed_status(parsed);
    const char *dir = npos ? pos[0] : "migrations";
    struct stat st;
    if (stat(dir, &st) == 0 && !S_ISDIR(st.st_mode)) {
        cli_error("init", "\"%s\" exists and is not a directory", dir);
        return 1;
    }
    if (!dir_is_empty(dir)) {
        cli_error("init", "directory \"%s\" is not empty", dir);
        cli_hint("Give a new or empty directory: migc init DIR.");
        return 1;
    }
    struct arena a = {0};
    const char *versions = arena_printf(&a, "%s/versions", dir);
    const char *files[][2] = {
        {arena_printf(&a, "%s/models.schema", dir), ""},
        {arena_printf(&a, "%s/README.md", dir), readme_text},
        {arena_printf(&a, "%s/.env.example", dir), env_text},
    };
    int status = 0;
    if (!author_make_dirs(&a, dir) || mkdir(versions, 0755) != 0) {
        cli_error("init", "could not create \"%s\": %s", versions, strerror(errno));
        status = 1;
    }
    for (size_t i = 0; i < sizeof files / sizeof files[0] && status == 0; i++)
        if (!author_write_new(files[i][0], files[i][1]))
            status = write_error("init", files[i][0]);
    if (status == 0) {
        printf("Created %s/ with versions/, models.schema, README.md and .env.example.\n", dir);
        printf("\nTo build the migrator with your project, add to CMakeLists.txt:\n\n"
               "    find_package(migc REQUIRED)\n"
               "    migc_add_migrator(TARGET myapp-migrate DIR %s)\n\n"
               "Then write the first migration: migc revision %s -m \"create tables\"\n",
               dir, dir);
    }
    arena_free(&a);
    return status;
}

/* ---- writing a migration -------------------------------------------------- */


bool author_valid_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 32)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

static bool reserved_id(const char *s)
{
    return strcmp(s, "base") == 0 || strcmp(s, "head") == 0 || strcmp(s, "heads") == 0;
}

const char *author_fresh_id(struct arena *a, const struct graph *g)
{
    for (int attempt = 0; attempt < 16; attempt++) {
        unsigned char bytes[6] = {0};
        FILE *fp = fopen("/dev/urandom", "rb");
        if (fp) {
            if (fread(bytes, 1, sizeof bytes, fp) != sizeof bytes)
                memset(bytes, 0, sizeof bytes);
            fclose(fp);
        }
        if (!fp) {
            /* No /dev/urandom: time and pid still make a collision unlikely. */
            unsigned long long x = (unsigned long long)time(NULL) * 2654435761u ^
                                   (unsigned long long)getpid() << 20 ^ (unsigned)attempt;
            for (int i = 0; i < 6; i++)
                bytes[i] = (unsigned char)(x >> (8 * i));
        }
        const char *id = arena_printf(a, "%02x%02x%02x%02x%02x%02x", bytes[0], bytes[1],
                                      bytes[2], bytes[3], bytes[4], bytes[5]);
        if (!g || !graph_find(g, id))
            return id;
    }
    return NULL;
}

/* The message as a file-name part: lower case, [a-z0-9] runs joined by
   underscores, at most 40 characters. */
const char *author_slug(struct arena *a, const char *msg)
{
    struct strbuf b = {0};
    bool sep = false;
    for (const char *p = msg; *p && b.len < 40; p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (sep && b.len)
                strbuf_putc(&b, '_');
            strbuf_putc(&b, c);
            sep = false;
        } else {
            sep = true;
        }
    }
    return strbuf_to_arena(&b, a);
}

/* The file's text, laid out by the formatter. */
const char *author_migration_text(struct arena *a, const struct newmig *m)
{
    struct strbuf b = {0};
    strbuf_printf(&b, "revision %s\nrevises ", m->id);
    if (m->nparents == 0)
        strbuf_puts(&b, "base");
    for (int i = 0; i < m->nparents; i++)
        strbuf_printf(&b, "%s%s", i ? ", " : "", m->parents[i]);
    strbuf_puts(&b, "\nmessage ");
    strbuf_put_quoted(&b, m->message, '\'');
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strbuf_printf(&b, "\ncreated '%04d-%02d-%02d'\n", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    if (m->branch)
        strbuf_printf(&b, "branch %s\n", m->branch);
    strbuf_printf(&b, "\nupgrade {\n%s}\n", m->upgrade ? m->upgrade : "");
    if (m->downgrade)
        strbuf_printf(&b, "\ndowngrade {\n%s}\n", m->downgrade);
    else if (m->empty_downgrade)
        strbuf_puts(&b, "\ndowngrade {\n}\n");
    else if (m->irreversible)
        strbuf_puts(&b, "\ndowngrade irreversible;\n");
    const char *raw = strbuf_to_arena(&b, a);
    struct diag quiet;
    diag_init(&quiet, a);
    const char *out = fmt_text(a, &quiet, "new migration", raw, strlen(raw), false);
    return out ? out : raw;
}

/* Where new files go: DIR/versions when it exists, else DIR. */
static const char *new_path(struct arena *a, const char *dir, const char *id, const char *msg)
{
    const char *versions = arena_printf(a, "%s/versions", dir);
    const char *s = author_slug(a, msg);
    return arena_printf(a, "%s/%s%s%s.mig", is_dir(versions) ? versions : dir, id, *s ? "_" : "", s);
}

static bool need_dir(const char *cmd, const char *dir)
{
    if (is_dir(dir))
        return true;
    cli_error(cmd, "could not open directory \"%s\"", dir);
    cli_hint("Create it with 'migc init %s', or give the migrations directory.", dir);
    return false;
}

/* Runs migc check on dir for the dialects in targets; on failure prints
   its diagnostics. */
static bool check_dir(const char *dir, unsigned targets)
{
    struct session s;
    session_open(&s, dir, targets, false);
    bool ok = s.ok;
    if (ok)
        s.diag.quiet_warnings = true;
    session_close(&s, 0);
    return ok;
}

/* ---- revision ------------------------------------------------------------- */

static const char revision_usage[] =
    "usage: migc revision [DIR] -m MSG [--rev-id ID] [--head REV] [--branch LABEL]\n"
    "       migc revision [DIR] -m MSG --autogenerate [--model FILE] [--dialect D]\n"
    "\n"
    "Write a new migration revising the current head (or --head REV; base\n"
    "starts a new root) to DIR/versions/<id>_<slug>.mig (DIR/ when there is no\n"
    "versions/), with a fresh 12-hex-digit id and today's date, and print its\n"
    "path.\n"
    "\n"
    "options:\n"
    "  -m, --message MSG   what the migration does (required)\n"
    "  --rev-id ID         the revision id instead of a random one\n"
    "  --head REV          the revision to revise (needed when there are\n"
    "                      several heads), or base\n"
    "  --branch LABEL      a branch label for the new revision\n"
    "  --autogenerate      write the statements that take the head's schema to\n"
    "                      the model; nothing is written when they are equal\n"
    "  --model FILE        the model (default DIR/models.schema): create table,\n"
    "                      create index and create view statements\n"
    "  --dialect D         with --autogenerate: a dialect the project targets\n"
    "                      (repeatable; default both), as for migc check\n"
    "\n"
    "Exit status: 0 success, 1 errors, 2 bad usage or an unknown --head.\n";

struct revision_opts {
    const char *dir, *message, *rev_id, *head, *branch, *model;
    bool autogenerate;
    unsigned targets;          /* the dialects the project targets (--dialect) */
};

/* Picks the parents of the new revision from --head or the heads. Returns
   0, or an exit status after printing the error. */
static int pick_parents(struct arena *a, const struct graph *g, const char *head,
                        struct revision ***parents, int *n)
{
    *parents = NULL;
    *n = 0;
    if (head && strcmp(head, "base") == 0)
        return 0;
    if (head && strcmp(head, "heads") != 0 && !(strcmp(head, "head") == 0 && g->nheads <= 1)) {
        struct revision *r;
        const char *err;
        if (graph_resolve(a, g, head, &r, &err) != GRAPH_RESOLVED) {
            cli_error("revision", "%s", err);
            return 2;
        }
        *parents = arena_alloc(a, sizeof **parents);
        (*parents)[0] = r;
        *n = 1;
        return 0;
    }
    struct revision *only;
    const char *err;
    if (graph_resolve(a, g, "heads", &only, &err) == GRAPH_MULTIPLE_HEADS) {
        cli_error("revision", "%s", err);
        cli_hint("Merge them first (migc merge heads -m \"merge branches\"), or say which head the "
                 "new revision revises with --head REV.");
        return 2;
    }
    *parents = g->heads;
    *n = g->nheads;
    return 0;
}

static int revision_run(const struct revision_opts *o)
{
    if (!need_dir("revision", o->dir))
        return 1;
    struct session s;
    if (o->autogenerate) {
        session_open(&s, o->dir, o->targets, false);
    } else {
        memset(&s, 0, sizeof s);
        diag_init(&s.diag, &s.arena);
        s.ok = project_load(&s.project, &s.arena, &s.diag, o->dir) && !diag_failed(&s.diag);
    }
    struct arena *a = &s.arena;
    if (!s.ok) {
        cli_error("revision", "the migrations in \"%s\" have errors; fix them first", o->dir);
        return session_close(&s, 1);
    }
    s.diag.quiet_warnings = true;
    diag_flush(&s.diag, stderr);
    s.diag.quiet_warnings = false;
    const struct graph *g = &s.project.graph;

    const char *id = o->rev_id;
    if (id && (!author_valid_id(id) || reserved_id(id))) {
        cli_error("revision", "invalid revision id \"%s\"", id);
        cli_hint("A revision id is 1 to 32 letters, digits or underscores, and not base, head or "
                 "heads.");
        return session_close(&s, 2);
    }
    if (id && graph_find(g, id)) {
        cli_error("revision", "revision \"%s\" already exists in %s",
                  id, graph_find(g, id)->mig->file);
        return session_close(&s, 1);
    }
    if (o->branch && (!author_valid_id(o->branch) || reserved_id(o->branch))) {
        cli_error("revision", "invalid branch label \"%s\"", o->branch);
        cli_hint("A label is letters, digits or underscores, and not base, head or heads.");
        return session_close(&s, 2);
    }
    if (o->branch && graph_find_label(g, o->branch)) {
        cli_error("revision", "branch label \"%s\" is already on revision \"%s\"",
                  o->branch, graph_find_label(g, o->branch)->id);
        return session_close(&s, 1);
    }
    struct revision **parents;
    int nparents;
    int rc = pick_parents(a, g, o->head, &parents, &nparents);
    if (rc)
        return session_close(&s, rc);
    if (!id && !(id = author_fresh_id(a, g))) {
        cli_error("revision", "could not find a free revision id");
        return session_close(&s, 1);
    }

    struct newmig m = {.id = id, .nparents = nparents, .message = o->message, .branch = o->branch};
    const char **pids = arena_alloc(a, sizeof *pids * (size_t)(nparents + 1));
    for (int i = 0; i < nparents; i++)
        pids[i] = parents[i]->id;
    m.parents = pids;

    /* Named in every error from here on: the file the run did not write. */
    const char *path = new_path(a, o->dir, id, o->message);
    const struct schema *model = NULL, *head = schema_empty();
    if (o->autogenerate) {
        const char *model_file = o->model ? o->model : arena_printf(a, "%s/models.schema", o->dir);
        size_t len;
        char *text = project_read_file(model_file, &len);
        if (!text) {
            cli_error("revision", "could not read the model \"%s\": %s; \"%s\" was not written",
                      model_file, strerror(errno), path);
            cli_hint("Declare the schema there (create table, create index, create view), or give "
                     "--model FILE.");
            return session_close(&s, 1);
        }
        if (nparents)
            head = compile_schema_at(a, &s.comp, parents, nparents);
        /* What sql blocks created, which a model file cannot say, stays. */
        model = autogen_load_model(a, &s.diag, model_file, text, len, o->targets,
                                   schema_declared_only(a, head));
        free(text);
        if (!model) {
            diag_flush(&s.diag, stderr);
            cli_error("revision", "the model \"%s\" has errors; \"%s\" was not written",
                      model_file, path);
            return session_close(&s, 1);
        }
        m.upgrade = autogen_diff(a, &s.diag, head, model, true);
        if (!m.upgrade) {
            printf("No changes: the model matches the schema at %s; nothing written.\n",
                   nparents ? parents[0]->id : "base");
            return session_close(&s, 0);
        }
    } else {
        m.empty_downgrade = true;
    }

    if (!author_write_new(path, author_migration_text(a, &m)))
        return session_close(&s, write_error("revision", path));
    if (o->autogenerate && !check_dir(o->dir, o->targets)) {
        /* The derived downgrade may be what failed (a dropped not null
           column cannot be added back): try the reverse diff written out. */
        unlink(path);
        struct diag quiet;
        diag_init(&quiet, a);
        m.downgrade = autogen_diff(a, &quiet, model, head, false);
        struct session again;
        bool ok = m.downgrade && author_write_new(path, author_migration_text(a, &m));
        if (ok) {
            session_open(&again, o->dir, o->targets, false);
            ok = again.ok;
            /* Its errors would repeat or confuse those check_dir printed. */
            again.diag.entries.n = 0;
            session_close(&again, 0);
        }
        if (!ok) {
            unlink(path);
            cli_error("revision", "the generated migration does not pass migc check; \"%s\" was "
                      "not written", path);
            cli_hint("Change the model (see the errors above), or write the migration with migc "
                     "revision without --autogenerate.");
            return session_close(&s, 1);
        }
    }
    diag_flush(&s.diag, stderr);
    printf("%s\n", path);
    return session_close(&s, 0);
}

/* A message migc check would refuse (parse_control_char) is refused
   before any file is written. Returns 2 after the error, else 0. */
static int refuse_control_chars(const char *cmd, const char *msg)
{
    for (size_t i = 0, n = strlen(msg); i < n; i++) {
        unsigned code = parse_control_char(msg + i, n - i);
        if (!code)
            continue;
        struct arena a = {0};
        cli_error(cmd, "the message contains %s", parse_control_name(&a, code));
        cli_hint("Give a message of one line; it is printed in SQL and C comments.");
        arena_free(&a);
        return 2;
    }
    return 0;
}

int cmd_revision(int argc, char **argv)
{
    struct revision_opts o = {0};
    const char *dialects[4];
    int ndialects = 0;
    struct cli_opt opts[] = {
        {.name = "message", .short_name = 'm', .value = &o.message},
        {.name = "rev-id", .value = &o.rev_id},
        {.name = "head", .value = &o.head},
        {.name = "branch", .value = &o.branch},
        {.name = "branch-label", .value = &o.branch},
        {.name = "autogenerate", .flag = &o.autogenerate},
        {.name = "model", .value = &o.model},
        {.name = "dialect", .list = dialects, .list_n = &ndialects, .list_max = 4},
    };
    const char *pos[1];
    int npos;
    enum cli_parsed parsed =
        cli_parse("revision", revision_usage, argc, argv, opts, 8, pos, 1, &npos);
    if (parsed != CLI_PARSED)
        return cli_parsed_status(parsed);
    int rc = cli_dialects("revision", dialects, ndialects, &o.targets);
    if (rc)
        return rc;
    if (ndialects && !o.autogenerate) {
        cli_error("revision", "--dialect needs --autogenerate");
        return 2;
    }
    if (!o.message) {
        return cli_usage_error("revision", revision_usage, "missing -m MSG", NULL);
    }
    if (refuse_control_chars("revision", o.message))
        return 2;
    if (o.model && !o.autogenerate) {
        cli_error("revision", "--model needs --autogenerate");
        return 2;
    }
    o.dir = npos ? pos[0] : "migrations";
    return revision_run(&o);
}

/* ---- merge ------------------------------------------------------------------ */

static const char merge_usage[] =
    "usage: migc merge [DIR] heads -m MSG [--rev-id ID] [--branch LABEL] [--dialect D]\n"
    "       migc merge [DIR] REV REV... -m MSG\n"
    "\n"
    "Write a migration that revises the given revisions (all heads with\n"
    "\"heads\", the default), joining the branches, with an empty upgrade, and\n"
    "print its path. migc check then verifies that the branches do not change\n"
    "the same object differently, for the dialects given with --dialect\n"
    "(repeatable; default both).\n"
    "\n"
    "Exit status: 0 success, 1 errors (one head: nothing to merge), 2 bad\n"
    "usage or an unknown revision.\n";

int cmd_merge(int argc, char **argv)
{
    const char *message = NULL, *rev_id = NULL, *branch = NULL;
    const char *dialects[4];
    int ndialects = 0;
    struct cli_opt opts[] = {
        {.name = "message", .short_name = 'm', .value = &message},
        {.name = "rev-id", .value = &rev_id},
        {.name = "branch", .value = &branch},
        {.name = "dialect", .list = dialects, .list_n = &ndialects, .list_max = 4},
    };
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    int npos;
    enum cli_parsed parsed = cli_parse("merge", merge_usage, argc, argv, opts, 4, pos, argc, &npos);
    if (parsed != CLI_PARSED) {
        free(pos);
        return cli_parsed_status(parsed);
    }
    unsigned dialect_targets;
    int rc = cli_dialects("merge", dialects, ndialects, &dialect_targets);
    if (rc) {
        free(pos);
        return rc;
    }
    if (!message) {
        free(pos);
        return cli_usage_error("merge", merge_usage, "missing -m MSG", NULL);
    }
    if (refuse_control_chars("merge", message)) {
        free(pos);
        return 2;
    }
    const char *dir = "migrations";
    int first = 0;
    if (npos > 0 && strcmp(pos[0], "heads") != 0 && is_dir(pos[0])) {
        dir = pos[0];
        first = 1;
    }
    if (!need_dir("merge", dir)) {
        free(pos);
        return 1;
    }
    struct session s;
    session_open(&s, dir, dialect_targets, false);
    struct arena *a = &s.arena;
    const char **targets = arena_alloc(a, sizeof *targets * (size_t)(npos + 1));
    int ntargets = 0;
    for (int i = first; i < npos; i++)
        targets[ntargets++] = arena_strdup(a, pos[i]);
    free(pos);
    if (!s.ok) {
        cli_error("merge", "the migrations in \"%s\" have errors; fix them first", dir);
        return session_close(&s, 1);
    }
    s.diag.quiet_warnings = true;
    diag_flush(&s.diag, stderr);
    const struct graph *g = &s.project.graph;

    struct revision **revs = arena_alloc(a, sizeof *revs * (size_t)(g->nheads + ntargets + 1));
    int nrevs = 0;
    if (ntargets == 0 || (ntargets == 1 && strcmp(targets[0], "heads") == 0)) {
        for (int i = 0; i < g->nheads; i++)
            revs[nrevs++] = g->heads[i];
        if (nrevs < 2) {
            cli_error("merge", "nothing to merge: %s",
                      nrevs ? arena_printf(a, "the project has one head, \"%s\"", revs[0]->id)
                            : "the project has no revisions");
            return session_close(&s, 1);
        }
    } else {
        for (int i = 0; i < ntargets; i++) {
            struct revision *r;
            const char *err;
            if (graph_resolve(a, g, targets[i], &r, &err) != GRAPH_RESOLVED) {
                cli_error("merge", "%s", err);
                return session_close(&s, 2);
            }
            bool dup = false;
            for (int j = 0; j < nrevs; j++)
                dup = dup || revs[j] == r;
            if (!dup)
                revs[nrevs++] = r;
        }
        if (nrevs < 2) {
            cli_error("merge", "nothing to merge: give two or more different revisions");
            return session_close(&s, 1);
        }
        for (int i = 0; i < nrevs; i++)
            for (int j = 0; j < nrevs; j++)
                if (i != j && graph_descends(g, revs[i], revs[j])) {
                    cli_error("merge", "nothing to merge: \"%s\" is an ancestor of \"%s\"",
                              revs[i]->id, revs[j]->id);
                    return session_close(&s, 1);
                }
    }
    if (rev_id && (!author_valid_id(rev_id) || reserved_id(rev_id) || graph_find(g, rev_id))) {
        cli_error("merge", "invalid or existing revision id \"%s\"", rev_id);
        return session_close(&s, 2);
    }
    const char *id = rev_id ? rev_id : author_fresh_id(a, g);
    const char **pids = arena_alloc(a, sizeof *pids * (size_t)nrevs);
    for (int i = 0; i < nrevs; i++)
        pids[i] = revs[i]->id;
    struct newmig m = {.id = id, .parents = pids, .nparents = nrevs, .message = message,
                       .branch = branch};
    const char *path = new_path(a, dir, id, message);
    if (!author_write_new(path, author_migration_text(a, &m)))
        return session_close(&s, write_error("merge", path));
    if (!check_dir(dir, dialect_targets)) {
        unlink(path);
        cli_error("merge", "the branches cannot be merged as they are; nothing was written");
        return session_close(&s, 1);
    }
    printf("%s\n", path);
    return session_close(&s, 0);
}
