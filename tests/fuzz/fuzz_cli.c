/* libFuzzer target for the migrator's whole command line: the arguments,
   the environment and the .env file together, run in-process through
   migc_main on the demo project's data. Built by tests/fuzz/run.sh.

   An input is three sections separated by lines "%%": the arguments,
   one per line; environment variables, KEY=VALUE per line (DATABASE_URL,
   PGCONNECT_TIMEOUT and NO_COLOR only: nothing else reaches the run);
   the text of .env, as it is.

   It runs in a directory of its own, emptied after each input. The
   project is built for SQLite only, so that a PostgreSQL URL is parsed
   and judged but never dialled, and an input naming a file outside the
   directory (an absolute path, "..", a "file:" name) is skipped.

   Besides what the sanitizers catch, it asserts that the exit status is
   one the documentation lists, and that a password (the marker S3cr3tPw,
   when the input has it only as the password of database URLs) never
   shows in the output. */
#define _GNU_SOURCE
#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "migrator.h"

#define main demo_main
#include "../runtime/demo/demo_project.c"
#undef main

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_ARGS = 32 };

static const char *const env_keys[] = {"DATABASE_URL", "PGCONNECT_TIMEOUT", "NO_COLOR"};

static void empty_dir(void)
{
    DIR *d = opendir(".");
    if (!d)
        abort();
    struct dirent *ent;
    while ((ent = readdir(d)))
        if (strcmp(ent->d_name, ".") != 0 && strcmp(ent->d_name, "..") != 0)
            unlink(ent->d_name);
    closedir(d);
}

/* At exit: the run's directory goes. */
static void remove_dir(void)
{
    char dir[4096];
    if (!getcwd(dir, sizeof dir) || !strstr(dir, "migc-fuzz-cli-"))
        return;
    empty_dir();
    if (chdir("/") == 0)
        rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char dir[] = "/tmp/migc-fuzz-cli-XXXXXX";
    if (!mkdtemp(dir) || chdir(dir) != 0) {
        perror("fuzz_cli: a directory of its own");
        abort();
    }
    for (size_t i = 0; i < sizeof env_keys / sizeof env_keys[0]; i++)
        unsetenv(env_keys[i]);
    atexit(remove_dir);
    return 0;
}

/* True when the input could name a file outside the run's directory. */
static bool escapes(const char *text, size_t n)
{
    return memmem(text, n, "sqlite:", 7) &&
           (memmem(text, n, "////", 4) || memmem(text, n, "..", 2) || memmem(text, n, "file:", 5) ||
            memmem(text, n, "~", 1));
}

/* The next line of [*p, end), NUL-terminated in place (the buffer is a
   copy); NULL at a "%%" line or the end. */
static char *next_line(char **p, char *end)
{
    if (*p >= end)
        return NULL;
    char *s = *p;
    char *nl = memchr(s, '\n', (size_t)(end - s));
    char *e = nl ? nl : end;
    *e = '\0';
    *p = nl ? nl + 1 : end;
    if (strcmp(s, "%%") == 0)
        return NULL;
    return s;
}

/* The password marker: the output must never hold it when the input has
   it only as the password of database URLs. */
static const char mark[] = "S3cr3tPw";

static int count(const char *s, size_t n, const char *what)
{
    int k = 0;
    size_t wl = strlen(what);
    for (const char *p = s; (p = memmem(p, n - (size_t)(p - s), what, wl)); p++)
        k++;
    return k;
}

/* True when url holds the marker where a password goes: after
   "password=", or after a ':' with an '@' further on. SQLite URLs hold
   file names, which messages show. */
static bool holds_password(const char *url)
{
    if (!url || strncmp(url, "sqlite", 6) == 0)
        return false;
    const char *p = strstr(url, ":S3cr3tPw");
    return strstr(url, "password=S3cr3tPw") || (p && strchr(p, '@'));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *input = (const char *)data;
    if (size > 4096 || memchr(data, '\0', size) || escapes(input, size))
        return 0;
    char *buf = malloc(size + 1);
    memcpy(buf, data, size);
    buf[size] = '\0';
    char *p = buf, *end = buf + size;

    char *argv[MAX_ARGS + 2];
    int argc = 0;
    argv[argc++] = "demo-migrate";
    const char *url_option = NULL;
    char *line;
    while ((line = next_line(&p, end)))
        if (argc < MAX_ARGS + 1) {
            if (argc > 1 && strcmp(argv[argc - 1], "--database-url") == 0)
                url_option = line;
            if (strncmp(line, "--database-url=", 15) == 0)
                url_option = line + 15;
            argv[argc++] = line;
        }
    argv[argc] = NULL;

    const char *env_url = NULL;
    while ((line = next_line(&p, end))) {
        char *eq = strchr(line, '=');
        if (!eq)
            continue;
        *eq = '\0';
        for (size_t i = 0; i < sizeof env_keys / sizeof env_keys[0]; i++)
            if (strcmp(line, env_keys[i]) == 0) {
                setenv(line, eq + 1, 1);
                if (i == 0)
                    env_url = eq + 1;
            }
    }
    const char *dotenv_url = NULL;
    if (p < end) {
        FILE *f = fopen(".env", "wb");
        if (!f)
            abort();
        fwrite(p, 1, (size_t)(end - p), f);
        fclose(f);
    }
    struct rt scratch = {0};
    scratch.p = &project;
    struct migc_err ignored;
    int dotenv_line;
    if (p < end)
        dotenv_parse(&scratch, ".env", p, (size_t)(end - p), "DATABASE_URL", &dotenv_url,
                     &dotenv_line,
                     &ignored);
    /* Where the marker is in the input: only in URLs' passwords? */
    int in_urls = 0;
    bool secret = false;
    const char *urls[] = {url_option, env_url, dotenv_url};
    for (int i = 0; i < 3; i++)
        if (urls[i]) {
            in_urls += count(urls[i], strlen(urls[i]), mark);
            secret |= holds_password(urls[i]);
        }
    secret = secret && in_urls == count(input, size, mark);

    struct migc_project sqlite_only = project;
    sqlite_only.dialects = 1u << MIGC_SQLITE;
    char *out_text = NULL;
    size_t out_len = 0;
    FILE *out = open_memstream(&out_text, &out_len);
    FILE *saved_out = stdout, *saved_err = stderr;
    stdout = stderr = out;
    int rc = migc_main(&sqlite_only, argc, argv);
    stdout = saved_out;
    stderr = saved_err;
    fclose(out);
    if (rc < 0 || rc > 3) {
        fprintf(stderr, "fuzz_cli: exit status %d is not 0, 1, 2 or 3\n", rc);
        abort();
    }
    if (secret && out_text && strstr(out_text, mark)) {
        fprintf(stderr, "fuzz_cli: the password shows in the output:\n%s\n", out_text);
        abort();
    }
    rt_free(&scratch);
    free(out_text);
    for (size_t i = 0; i < sizeof env_keys / sizeof env_keys[0]; i++)
        unsetenv(env_keys[i]);
    empty_dir();
    free(buf);
    return 0;
}
