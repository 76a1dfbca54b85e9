/* migc build and migc emit-c: check the project as migc check does, emit
   the migrator's C (emit_c.h) and, for build, compile and link it with
   the runtime library and SQLite into one executable. */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "compile.h"
#include "emit_c.h"
#include "project.h"

#ifndef MIGC_VERSION
#define MIGC_VERSION "0.0.0"
#endif

extern char **environ;

static const char build_usage[] =
    "usage: migc build [DIR] -o FILE [OPTIONS]\n"
    "\n"
    "Check the migrations under DIR (default: migrations), generate the C of\n"
    "a migrator and compile it into FILE, one executable that carries every\n"
    "migration and SQLite itself.\n"
    "\n"
    "options:\n"
    "  -o FILE               the migrator to write (required)\n"
    "  --name NAME           shown by its --help and --version (default: FILE's name)\n"
    "  --default-url URL     used when no other URL is given (default sqlite:///NAME.db)\n"
    "  --url-env VAR         the environment variable with the URL (default DATABASE_URL)\n"
    "  --version-table NAME  the version table (default migc_version)\n"
    "  --cc CC               the C compiler (default $CC, else cc)\n"
    "  --keep-c FILE         keep the generated C in FILE\n"
    "  --dialect D           a dialect the project targets (repeatable; default both)\n"
    "  -Werror               treat warnings as errors\n"
    "  --no-lint             skip the lint warnings (risky but valid changes; see docs/lint.md)\n"
    "  --allow RULE          silence one lint rule in the whole project (repeatable)\n"
    "\n"
    "Exit status: 0 success, 1 errors in the migrations or the build, 2 bad usage.\n";

static const char emit_usage[] =
    "usage: migc emit-c [DIR] -o FILE.c [OPTIONS]\n"
    "\n"
    "Check the migrations under DIR (default: migrations) and write the C of\n"
    "their migrator to FILE.c, to compile in your own build with the migc\n"
    "runtime library.\n"
    "\n"
    "options:\n"
    "  -o FILE.c             the C file to write (required)\n"
    "  --name NAME           shown by the migrator's --help and --version\n"
    "  --default-url URL     used when no other URL is given (default sqlite:///NAME.db)\n"
    "  --url-env VAR         the environment variable with the URL (default DATABASE_URL)\n"
    "  --version-table NAME  the version table (default migc_version)\n"
    "  --dialect D           a dialect the project targets (repeatable; default both)\n"
    "  -Werror               treat warnings as errors\n"
    "  --no-lint             skip the lint warnings (risky but valid changes; see docs/lint.md)\n"
    "  --allow RULE          silence one lint rule in the whole project (repeatable)\n"
    "\n"
    "Exit status: 0 success, 1 errors in the migrations, 2 bad usage.\n";

struct build_args {
    const char *dir, *out, *name, *default_url, *url_env, *version_table, *cc, *keep_c;
    unsigned targets;
    struct cli_lint lint;
};

static bool valid_identifier(const char *s)
{
    if (!*s || strlen(s) > 63 || !((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
                                   *s == '_'))
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '_'))
            return false;
    return true;
}

static int parse_args(const char *cmd, const char *usage, int argc, char **argv, bool build,
                      struct build_args *b)
{
    const char *dialects[4];
    int ndialects = 0;
    memset(b, 0, sizeof *b);
    struct cli_opt opts[10] = {
        {.name = "output", .short_name = 'o', .value = &b->out},
        {.name = "name", .value = &b->name},
        {.name = "default-url", .value = &b->default_url},
        {.name = "url-env", .value = &b->url_env},
        {.name = "version-table", .value = &b->version_table},
        {.name = "dialect", .list = dialects, .list_n = &ndialects, .list_max = 4},
        {.name = "cc", .value = &b->cc},
        {.name = "keep-c", .value = &b->keep_c},
    };
    int nopts = build ? 8 : 6;
    nopts += cli_lint_options(&b->lint, &argc, argv, opts + nopts);
    const char *pos[1];
    int npos;
    int rc = cli_parse(cmd, usage, argc, argv, opts, nopts, pos, 1, &npos);
    if (rc)
        return rc < 0 ? -1 : rc;
    b->dir = npos ? pos[0] : "migrations";
    if (!b->out)
        return cli_usage_error(cmd, usage, "missing -o FILE", NULL);
    if ((rc = cli_dialects(cmd, dialects, ndialects, &b->targets)))
        return rc;
    if (b->version_table && !valid_identifier(b->version_table))
        return cli_usage_error(cmd, usage,
                           "the version table must be a plain SQL name of at most 63 bytes:",
                           b->version_table);
    if (b->url_env && !valid_identifier(b->url_env))
        return cli_usage_error(cmd, usage, "not an environment variable name:", b->url_env);
    return cli_lint_check(cmd, &b->lint);
}

/* The migrator's name: FILE's last component, without a ".c". */
static const char *default_name(struct arena *a, const char *out)
{
    const char *s = strrchr(out, '/');
    s = s ? s + 1 : out;
    size_t n = strlen(s);
    if (n > 2 && strcmp(s + n - 2, ".c") == 0)
        n -= 2;
    return arena_strndup(a, s, n);
}

/* Loads, checks, lints (as migc check does) and emits; diagnostics are
   printed. Returns 0, or 1 when the migrations have errors (or, with
   -Werror, warnings). */
static int generate(struct arena *a, const struct build_args *b, struct strbuf *c_text)
{
    struct diag d;
    diag_init(&d, a);
    d.werror = b->lint.werror;
    struct project p;
    struct compilation comp = {0};
    bool ok = project_load(&p, a, &d, b->dir);
    if (ok && !diag_failed(&d)) {
        compile_project(a, &d, &p.graph, b->targets, &comp);
        cli_lint_run(&b->lint, a, &d, &comp, b->targets);
    }
    ok = ok && !diag_failed(&d);
    for (int i = 0; ok && i < p.graph.nrevs; i++)
        ok = comp.revs && comp.revs[i];
    diag_flush(&d, stderr);
    if (!ok)
        return 1;
    const char *name = b->name ? b->name : default_name(a, b->out);
    struct emit_options o = {
        .name = name,
        .default_url = b->default_url ? b->default_url : arena_printf(a, "sqlite:///%s.db", name),
        .url_env = b->url_env ? b->url_env : "DATABASE_URL",
        .version_table = b->version_table ? b->version_table : "migc_version",
        .migc_version = MIGC_VERSION,
        .dir = b->dir,
        .targets = b->targets,
    };
    emit_c(a, &comp, &o, c_text);
    return 0;
}

static int write_file(const char *cmd, const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0) {
        fprintf(stderr, "migc %s: error: could not write \"%s\": %s\n", cmd, path,
                strerror(errno));
        if (f)
            fclose(f);
        return 1;
    }
    return 0;
}

int cmd_emit_c(int argc, char **argv)
{
    struct build_args b;
    int rc = parse_args("emit-c", emit_usage, argc, argv, false, &b);
    if (rc)
        return rc < 0 ? 0 : rc;
    struct arena a = {0};
    struct strbuf c_text = {0};
    rc = generate(&a, &b, &c_text);
    if (rc == 0)
        rc = write_file("emit-c", b.out, strbuf_str(&c_text), c_text.len);
    strbuf_free(&c_text);
    arena_free(&a);
    return rc;
}

/* ---- finding the runtime ---------------------------------------------- */

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

struct runtime_paths {
    const char *include, *lib, *sqlite;
};

/* An installed migc finds the runtime next to itself:
   <prefix>/bin/migc, <prefix>/include/migc, <prefix>/lib/libmigc_runtime.a
   and the SQLite archive <prefix>/lib/libmigc_sqlite3.a. In the build
   tree, CMake tells it where they are. */
static bool locate_runtime(struct arena *a, struct runtime_paths *rp)
{
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        self[n] = '\0';
        char *slash = strrchr(self, '/');
        if (slash) {
            *slash = '\0';
            slash = strrchr(self, '/');
            if (slash) {
                *slash = '\0';
                rp->include = arena_printf(a, "%s/include/migc", self);
                rp->lib = arena_printf(a, "%s/lib/libmigc_runtime.a", self);
                rp->sqlite = arena_printf(a, "%s/lib/libmigc_sqlite3.a", self);
                if (exists(arena_printf(a, "%s/migc_migrator.h", rp->include)) &&
                    exists(rp->lib) && exists(rp->sqlite))
                    return true;
            }
        }
    }
#if defined(MIGC_BUILD_RUNTIME_INCLUDE) && defined(MIGC_BUILD_RUNTIME_LIB) && \
    defined(MIGC_BUILD_SQLITE_ARCHIVE)
    rp->include = MIGC_BUILD_RUNTIME_INCLUDE;
    rp->lib = MIGC_BUILD_RUNTIME_LIB;
    rp->sqlite = MIGC_BUILD_SQLITE_ARCHIVE;
    if (exists(rp->lib) && exists(rp->sqlite))
        return true;
#endif
    return false;
}

/* Runs argv, waiting for it; returns its exit status, or -1 when it could
   not be started. */
static int run(char **argv)
{
    pid_t pid;
    int err = posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ);
    if (err) {
        errno = err;
        return -1;
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int cmd_build(int argc, char **argv)
{
    struct build_args b;
    int rc = parse_args("build", build_usage, argc, argv, true, &b);
    if (rc)
        return rc < 0 ? 0 : rc;
    struct arena a = {0};
    struct strbuf c_text = {0};
    struct runtime_paths rp;
    char tmp[4096] = "";
    if ((rc = generate(&a, &b, &c_text)))
        goto out;
    rc = 1;
    if (!locate_runtime(&a, &rp)) {
        fputs("migc build: error: could not find the migrator runtime\n"
              "detail: An installed migc looks for include/migc/migc_migrator.h, "
              "lib/libmigc_runtime.a and lib/libmigc_sqlite3.a under its prefix.\n"
              "hint: Reinstall migc, or use migc emit-c and build the C yourself.\n",
              stderr);
        goto out;
    }
    const char *c_file = b.keep_c;
    if (!c_file) {
        const char *dir = getenv("TMPDIR");
        snprintf(tmp, sizeof tmp, "%s/migc-XXXXXX.c", dir && *dir ? dir : "/tmp");
        int fd = mkstemps(tmp, 2);
        if (fd < 0) {
            fprintf(stderr, "migc build: error: could not create a temporary file: %s\n",
                    strerror(errno));
            tmp[0] = '\0';
            goto out;
        }
        close(fd);
        c_file = tmp;
    }
    if (write_file("build", c_file, strbuf_str(&c_text), c_text.len))
        goto out;
    /* CC may hold words ("ccache cc"): split it on blanks. */
    const char *cc = b.cc ? b.cc : getenv("CC");
    if (!cc || !*cc)
        cc = "cc";
    char *ccw = arena_strdup(&a, cc);
    char *args[64];
    int na = 0;
    for (char *w = strtok(ccw, " \t"); w && na < 40; w = strtok(NULL, " \t"))
        args[na++] = w;
    if (na == 0)
        args[na++] = "cc";
    args[na++] = "-std=c11";
    /* The project's data is tens of thousands of pointers (one per string);
       in a position-independent executable each is a relocation the loader
       patches at every start, which made `current` slower than the sqlite3
       shell. A fixed-address executable has none. */
    args[na++] = "-fno-pie";
    args[na++] = "-no-pie";
    /* A shipped tool: the symbol table of the SQLite inside is a fifth of
       the file and helps no user. */
    args[na++] = "-s";
    args[na++] = arena_printf(&a, "-I%s", rp.include);
    args[na++] = "-o";
    args[na++] = (char *)b.out;
    args[na++] = (char *)c_file;
    args[na++] = (char *)rp.lib;
    args[na++] = (char *)rp.sqlite;
    args[na++] = "-lm";
    args[na++] = "-ldl";
    args[na++] = "-lpthread";
    args[na] = NULL;
    int st = run(args);
    if (st < 0) {
        fprintf(stderr, "migc build: error: could not run the C compiler \"%s\": %s\n", args[0],
                strerror(errno));
        fputs("hint: Install a C compiler, or name one with --cc or CC.\n", stderr);
        goto out;
    }
    if (st != 0) {
        fprintf(stderr, "migc build: error: the C compiler \"%s\" failed (exit status %d)\n",
                args[0], st);
        fputs("hint: Run migc build with --keep-c FILE to keep the generated C.\n", stderr);
        goto out;
    }
    rc = 0;
out:
    if (tmp[0])
        unlink(tmp);
    strbuf_free(&c_text);
    arena_free(&a);
    return rc;
}
