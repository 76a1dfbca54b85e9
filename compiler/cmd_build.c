/* migc build and migc emit-c: check the project as migc check does, emit
   the migrator's C (emit_c.h) and, for build, compile and link it with
   the runtime library and SQLite into one executable. */
#define _DEFAULT_SOURCE
#include <dirent.h>
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
#include "elf_info.h"
#include "emit_c.h"
#include "migrator.h"
#include "project.h"

#ifndef MIGC_VERSION
#define MIGC_VERSION "0.0.0"
#endif
/* The static runtime variant's link options, set in one place
   (runtime/CMakeLists.txt): SQLite's references to dlopen and its kin go
   to the runtime's stubs. */
#ifndef MIGC_STATIC_WRAP
#error "MIGC_STATIC_WRAP is defined by runtime/CMakeLists.txt"
#endif

extern char **environ;

/* Compiler and linker flags every migrator is built with: stack
   protector, fortified libc calls (they need -O2) and a read-only
   relocation table resolved at start (full RELRO). migc_add_migrator
   gets the same through migc::runtime (runtime/CMakeLists.txt). */
static const char *const hardening_flags[] = {
    "-fstack-protector-strong", "-U_FORTIFY_SOURCE", "-D_FORTIFY_SOURCE=2",
    "-Wl,-z,relro,-z,now", NULL};

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

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
    "  --statement-lock-timeout DURATION\n"
    "                        the migrator's default for how long a migration's\n"
    "                        statement waits for a lock (5s, 500ms; default: none)\n"
    "  --cc CC               the C compiler (default $CC, else cc; with --target,\n"
    "                        TARGET-gcc)\n"
    "  --static              link fully statically: no C library needed on the host,\n"
    "                        SQLite only (PostgreSQL needs the dynamically linked build)\n"
    "  --target TRIPLE       build for another machine, e.g. aarch64-linux-gnu, with\n"
    "                        its cross compiler and SQLite (see docs/shipping.md)\n"
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
    "  --statement-lock-timeout DURATION\n"
    "                        the migrator's default for how long a migration's\n"
    "                        statement waits for a lock (5s, 500ms; default: none)\n"
    "  --dialect D           a dialect the project targets (repeatable; default both)\n"
    "  -Werror               treat warnings as errors\n"
    "  --no-lint             skip the lint warnings (risky but valid changes; see docs/lint.md)\n"
    "  --allow RULE          silence one lint rule in the whole project (repeatable)\n"
    "\n"
    "Exit status: 0 success, 1 errors in the migrations, 2 bad usage.\n";

struct build_args {
    const char *dir, *out, *name, *default_url, *url_env, *version_table, *cc, *keep_c;
    const char *target;        /* --target TRIPLE; NULL: this machine */
    const char *stmt_lock;     /* --statement-lock-timeout DURATION */
    long stmt_lock_ms;
    bool is_static;            /* --static */
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

/* A GNU triple (aarch64-linux-gnu): it becomes a program name, so only
   letters, digits, '_', '.' and '-', with at least one '-'. */
static bool valid_triple(const char *s)
{
    if (!*s || *s == '-' || strlen(s) > 63 || !strchr(s, '-'))
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '_' || *s == '.' || *s == '-'))
            return false;
    return true;
}

/* A --default-url the migrator would refuse at every run is refused now,
   with the migrator's own parser and words (never echoing the URL). */
static bool default_url_ok(const char *cmd, const char *url)
{
    struct rt rt = {0};
    rt.prog = "migc";
    struct dburl u;
    struct migc_err e = {0};
    bool ok = dburl_parse(&rt, url, "--default-url", &u, &e) == 0;
    if (!ok) {
        cli_error(cmd, "%s", e.msg);
        if (e.hint[0])
            cli_hint("%s", e.hint);
    }
    rt_free(&rt);
    return ok;
}

static int parse_args(const char *cmd, const char *usage, int argc, char **argv, bool build,
                      struct build_args *b)
{
    const char *dialects[4];
    int ndialects = 0;
    memset(b, 0, sizeof *b);
    struct cli_opt opts[13] = {
        {.name = "output", .short_name = 'o', .value = &b->out},
        {.name = "name", .value = &b->name},
        {.name = "default-url", .value = &b->default_url},
        {.name = "url-env", .value = &b->url_env},
        {.name = "version-table", .value = &b->version_table},
        {.name = "statement-lock-timeout", .value = &b->stmt_lock},
        {.name = "dialect", .list = dialects, .list_n = &ndialects, .list_max = 4},
        {.name = "cc", .value = &b->cc},
        {.name = "keep-c", .value = &b->keep_c},
        {.name = "static", .flag = &b->is_static},
        {.name = "target", .value = &b->target},
    };
    int nopts = build ? 11 : 7;
    nopts += cli_lint_options(&b->lint, &argc, argv, opts + nopts);
    const char *pos[1];
    int npos;
    enum cli_parsed parsed = cli_parse(cmd, usage, argc, argv, opts, nopts, pos, 1, &npos);
    if (parsed != CLI_PARSED)
        return parsed == CLI_HELP ? -1 : cli_parsed_status(parsed);
    int rc;
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
    if (b->target && !valid_triple(b->target))
        return cli_usage_error(cmd, usage, "not a target triple such as aarch64-linux-gnu:",
                               b->target);
    if (b->stmt_lock && duration_parse(b->stmt_lock, &b->stmt_lock_ms))
        return cli_usage_error(cmd, usage,
                               "--statement-lock-timeout needs a duration such as 5s, 500ms or "
                               "2min (at most a day), not", b->stmt_lock);
    if (b->default_url && !default_url_ok(cmd, b->default_url))
        return 2;
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
        .statement_lock_timeout_ms = b->stmt_lock_ms,
    };
    emit_c(a, &comp, &o, c_text);
    return 0;
}

static int write_file(const char *cmd, const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(text, 1, len, f) != len || fclose(f) != 0) {
        cli_error(cmd, "could not write \"%s\": %s", path, strerror(errno));
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

/* Where the runtime's parts are: include holds migc_migrator.h; lib and
   lib_static are the dynamic and static variants of the runtime library
   (built for this machine); sqlite is SQLite's archive for this machine;
   src holds the runtime's sources, compiled again for another target. */
struct runtime_paths {
    const char *include, *lib, *lib_static, *sqlite, *src;
};

/* Whether rp has what b's build needs. */
static bool runtime_complete(struct arena *a, const struct build_args *b,
                             const struct runtime_paths *rp)
{
    if (b->target)
        return exists(arena_printf(a, "%s/migc_migrator.h", rp->src)) &&
               exists(arena_printf(a, "%s/migrator_cli.c", rp->src));
    return exists(arena_printf(a, "%s/migc_migrator.h", rp->include)) &&
           exists(b->is_static ? rp->lib_static : rp->lib) && exists(rp->sqlite);
}

/* An installed migc finds the runtime next to itself:
   <prefix>/bin/migc, <prefix>/include/migc, <prefix>/lib/libmigc_runtime.a,
   <prefix>/lib/libmigc_runtime_static.a, the SQLite archive
   <prefix>/lib/libmigc_sqlite3.a and the runtime's sources under
   <prefix>/share/migc/runtime. In the build tree, CMake tells it where
   they are. */
static bool locate_runtime(struct arena *a, const struct build_args *b, struct runtime_paths *rp)
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
                rp->lib_static = arena_printf(a, "%s/lib/libmigc_runtime_static.a", self);
                rp->sqlite = arena_printf(a, "%s/lib/libmigc_sqlite3.a", self);
                rp->src = arena_printf(a, "%s/share/migc/runtime", self);
                if (runtime_complete(a, b, rp))
                    return true;
            }
        }
    }
#if defined(MIGC_BUILD_RUNTIME_INCLUDE) && defined(MIGC_BUILD_RUNTIME_LIB) && \
    defined(MIGC_BUILD_RUNTIME_STATIC_LIB) && defined(MIGC_BUILD_SQLITE_ARCHIVE)
    rp->include = MIGC_BUILD_RUNTIME_INCLUDE;
    rp->lib = MIGC_BUILD_RUNTIME_LIB;
    rp->lib_static = MIGC_BUILD_RUNTIME_STATIC_LIB;
    rp->sqlite = MIGC_BUILD_SQLITE_ARCHIVE;
    rp->src = MIGC_BUILD_RUNTIME_INCLUDE;
    if (runtime_complete(a, b, rp))
        return true;
#endif
    return false;
}

/* The runtime's sources under dir, sorted, as arena strings; NULL-free
   vec of char *. */
static void runtime_sources(struct arena *a, const char *dir, struct vec *out)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (n > 2 && strcmp(e->d_name + n - 2, ".c") == 0)
            vec_push(a, out, arena_printf(a, "%s/%s", dir, e->d_name));
    }
    closedir(d);
    qsort(out->items, (size_t)out->n, sizeof *out->items, cmp_str);
}

/* ---- running the C compiler ---------------------------------------------- */

/* Runs argv, waiting for it; returns its exit status, or -1 when it could
   not be started. With out, its standard output goes there (n bytes,
   truncated, NUL-terminated, a final newline removed). */
static int run(char **argv, char *out, size_t n)
{
    int fds[2] = {-1, -1};
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    if (out) {
        if (pipe(fds) < 0) {
            posix_spawn_file_actions_destroy(&fa);
            return -1;
        }
        posix_spawn_file_actions_addclose(&fa, fds[0]);
        posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&fa, fds[1]);
    }
    pid_t pid;
    int err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (out) {
        close(fds[1]);
        /* Read to the end (so the child never blocks on a full pipe),
           keeping the first n - 1 bytes. */
        size_t len = 0;
        char chunk[512];
        ssize_t got;
        while (!err && (got = read(fds[0], chunk, sizeof chunk)) != 0) {
            if (got < 0 && errno == EINTR)
                continue;
            if (got < 0)
                break;
            size_t keep = (size_t)got < n - 1 - len ? (size_t)got : n - 1 - len;
            memcpy(out + len, chunk, keep);
            len += keep;
        }
        close(fds[0]);
        out[len] = '\0';
        if (len && out[len - 1] == '\n')
            out[len - 1] = '\0';
    }
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

/* Debian's architecture names, for the hints of a cross build. */
static const struct {
    const char *triple, *arch;
} debian_archs[] = {
    {"aarch64-linux-gnu", "arm64"},      {"arm-linux-gnueabihf", "armhf"},
    {"arm-linux-gnueabi", "armel"},      {"i686-linux-gnu", "i386"},
    {"powerpc64le-linux-gnu", "ppc64el"}, {"riscv64-linux-gnu", "riscv64"},
    {"s390x-linux-gnu", "s390x"},        {"x86_64-linux-gnu", "amd64"},
};

static const char *debian_arch(const char *triple)
{
    for (size_t i = 0; i < sizeof debian_archs / sizeof debian_archs[0]; i++)
        if (strcmp(debian_archs[i].triple, triple) == 0)
            return debian_archs[i].arch;
    return NULL;
}

/* Debian names a cross compiler gcc-TRIPLE, with '_' as '-'. */
static void hint_cross_compiler(struct arena *a, const char *triple)
{
    char *pkg = arena_printf(a, "gcc-%s", triple);
    for (char *c = pkg; *c; c++)
        if (*c == '_')
            *c = '-';
    cli_hint("Install the cross compiler (Debian: apt-get install %s), or name one with --cc.",
             pkg);
}

/* The SQLite archive the cross compiler links, asked of the compiler
   itself (Debian's multiarch libsqlite3-dev:ARCH puts it on its path).
   NULL, with the error printed, when there is none. */
static const char *target_sqlite(struct arena *a, const char *cc0, const char *triple)
{
    char *argv[] = {(char *)cc0, "-print-file-name=libsqlite3.a", NULL};
    char path[4096];
    int st = run(argv, path, sizeof path);
    if (st < 0) {
        cli_error("build", "could not run the C compiler \"%s\": %s", cc0, strerror(errno));
        hint_cross_compiler(a, triple);
        return NULL;
    }
    if (st == 0 && strchr(path, '/') && exists(path))
        return arena_strdup(a, path);
    cli_error("build", "could not find SQLite's static library (libsqlite3.a) for %s", triple);
    const char *arch = debian_arch(triple);
    if (arch)
        cli_hint("On Debian: dpkg --add-architecture %s && apt-get update && apt-get install "
                 "libsqlite3-dev:%s", arch, arch);
    else
        cli_hint("Install the SQLite development package of %s where %s looks for libraries.",
                 triple, cc0);
    return NULL;
}

/* What the migrator at path needs on the host, on stdout: what it was
   linked as and, for a dynamically linked one, the oldest glibc it
   starts with (its newest GLIBC_x.y symbol version). */
static void report_needs(const struct build_args *b)
{
    struct elf_info info;
    if (elf_info_read(b->out, &info) < 0)
        return;
    printf("built %s%s%s: ", b->out, b->target ? " for " : "", b->target ? b->target : "");
    if (!info.dynamic)
        printf("statically linked; needs no C library on the host (SQLite only: "
               "PostgreSQL needs the dynamically linked build)\n");
    else if (info.glibc_major)
        printf("dynamically linked; needs glibc >= %d.%d and, for PostgreSQL, libpq.so.5\n",
               info.glibc_major, info.glibc_minor);
    else
        printf("dynamically linked; needs the C library it was linked with and, for "
               "PostgreSQL, libpq.so.5\n");
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
    if (!locate_runtime(&a, &b, &rp)) {
        cli_error("build", "could not find the migrator runtime%s",
                  b.target ? "'s sources" : b.is_static ? " for static linking" : "");
        cli_detail("An installed migc looks under its prefix for %s.",
                   b.target ? "share/migc/runtime/*.c"
                   : b.is_static
                       ? "include/migc/migc_migrator.h, lib/libmigc_runtime_static.a and "
                         "lib/libmigc_sqlite3.a"
                       : "include/migc/migc_migrator.h, lib/libmigc_runtime.a and "
                         "lib/libmigc_sqlite3.a");
        cli_hint("Reinstall migc, or use migc emit-c and build the C yourself.");
        goto out;
    }
    /* CC may hold words ("ccache cc"): split it on blanks. A cross build
       takes TARGET-gcc unless --cc names another; $CC is this machine's. */
    const char *cc = b.cc ? b.cc
                     : b.target ? arena_printf(&a, "%s-gcc", b.target)
                                : getenv("CC");
    if (!cc || !*cc)
        cc = "cc";
    struct vec args = {0};
    char *ccw = arena_strdup(&a, cc);
    for (char *w = strtok(ccw, " \t"); w; w = strtok(NULL, " \t"))
        vec_push(&a, &args, w);
    if (args.n == 0)
        vec_push(&a, &args, "cc");
    const char *sqlite = rp.sqlite;
    if (b.target && !(sqlite = target_sqlite(&a, VEC_AT(args, 0, char *), b.target)))
        goto out;
    const char *c_file = b.keep_c;
    if (!c_file) {
        const char *dir = getenv("TMPDIR");
        snprintf(tmp, sizeof tmp, "%s/migc-XXXXXX.c", dir && *dir ? dir : "/tmp");
        int fd = mkstemps(tmp, 2);
        if (fd < 0) {
            cli_error("build", "could not create a temporary file: %s", strerror(errno));
            tmp[0] = '\0';
            goto out;
        }
        close(fd);
        c_file = tmp;
    }
    if (write_file("build", c_file, strbuf_str(&c_text), c_text.len))
        goto out;
    vec_push(&a, &args, "-std=c11");
    vec_push(&a, &args, "-O2");
    /* The usual hardening of a shipped executable, as Debian builds its
       own (the runtime library is compiled with the same). */
    for (const char *const *f = hardening_flags; *f; f++)
        vec_push(&a, &args, (char *)*f);
    if (b.is_static) {
        /* glibc's libc.a inside, no program interpreter, nothing loaded at
           start; the static runtime variant leaves dlopen out. Plain
           static rather than static-pie: nothing to relocate before main,
           no need for the C library's static-pie support (rcrt1.o) on
           every target, and file(1) keeps calling it statically linked;
           the stack, heap and mappings are still randomized. */
        vec_push(&a, &args, "-static");
        vec_push(&a, &args, MIGC_STATIC_WRAP);
    } else {
        /* Position-independent, so the loader randomizes where the code
           lies. The project's data holds no pointers (emit_c.c), so this
           costs the same few relocations whatever the number of
           migrations. */
        vec_push(&a, &args, "-fPIE");
        vec_push(&a, &args, "-pie");
    }
    /* A shipped tool: the symbol table of the SQLite inside is a fifth of
       the file and helps no user. */
    vec_push(&a, &args, "-s");
    vec_push(&a, &args, "-o");
    vec_push(&a, &args, (char *)b.out);
    if (b.target) {
        /* No runtime library is prebuilt for another target: its sources
           are compiled with the generated C, by the target's compiler. */
        struct vec srcs = {0};
        runtime_sources(&a, rp.src, &srcs);
        vec_push(&a, &args, arena_printf(&a, "-I%s", rp.src));
        vec_push(&a, &args, arena_printf(&a, "-DMIGC_TARGET=\"%s\"", b.target));
        if (b.is_static)
            vec_push(&a, &args, "-DMIGC_STATIC_LINK");
        vec_push(&a, &args, (char *)c_file);
        for (int i = 0; i < srcs.n; i++)
            vec_push(&a, &args, srcs.items[i]);
    } else {
        vec_push(&a, &args, arena_printf(&a, "-I%s", rp.include));
        vec_push(&a, &args, (char *)c_file);
        vec_push(&a, &args, (char *)(b.is_static ? rp.lib_static : rp.lib));
    }
    vec_push(&a, &args, (char *)sqlite);
    vec_push(&a, &args, "-lm");
    if (!b.is_static)
        vec_push(&a, &args, "-ldl");
    vec_push(&a, &args, "-lpthread");
    vec_push(&a, &args, NULL);
    char **cmd = (char **)args.items;
    int st = run(cmd, NULL, 0);
    if (st < 0) {
        cli_error("build", "could not run the C compiler \"%s\": %s", cmd[0], strerror(errno));
        if (b.target)
            hint_cross_compiler(&a, b.target);
        else
            cli_hint("Install a C compiler, or name one with --cc or CC.");
        goto out;
    }
    if (st != 0) {
        cli_error("build", "the C compiler \"%s\" failed (exit status %d)", cmd[0], st);
        cli_hint("Run migc build with --keep-c FILE to keep the generated C.");
        goto out;
    }
    report_needs(&b);
    rc = 0;
out:
    if (tmp[0])
        unlink(tmp);
    strbuf_free(&c_text);
    arena_free(&a);
    return rc;
}
