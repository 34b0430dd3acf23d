/* cli.h - the small command-line parser every example shares.

   Flags are "--name value" or "--name=value"; "--help" prints every flag with its
   default and description. A bad flag or value prints a clear message; the caller
   exits with code 2. Values are parsed strictly: "10x" is not an integer, "nan" is
   refused for doubles, numbers out of the int range are refused. */
#ifndef DAM_EXAMPLES_CLI_H
#define DAM_EXAMPLES_CLI_H
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum { CLI_INT, CLI_DOUBLE, CLI_STRING, CLI_FLAG } cli_type;
typedef struct {
    const char *name;  /* without the leading "--"                  */
    cli_type type;
    void *value;       /* int*, double*, const char**, or int* (flag) */
    const char *help;
} cli_opt;

static int cli_set(const cli_opt *o, const char *text)
{
    char *end = NULL;
    errno = 0;
    if (o->type == CLI_INT) {
        long v = strtol(text, &end, 10);
        if (errno || end == text || *end || v < INT_MIN || v > INT_MAX) return -1;
        *(int *)o->value = (int)v;
    } else if (o->type == CLI_DOUBLE) {
        double v = strtod(text, &end);
        if (errno || end == text || *end || !isfinite(v)) return -1;
        *(double *)o->value = v;
    } else {
        *(const char **)o->value = text;
    }
    return 0;
}

static void cli_help(const char *about, const cli_opt *opts, int n)
{
    int k;
    printf("%s\n\nflags:\n", about);
    for (k = 0; k < n; k++) {
        const cli_opt *o = &opts[k];
        char def[64] = "";
        /* INT_MIN and NaN mean "not given: the library's default" (see the help text) */
        if (o->type == CLI_INT && *(int *)o->value == INT_MIN) snprintf(def, sizeof def, "-");
        else if (o->type == CLI_INT) snprintf(def, sizeof def, "%d", *(int *)o->value);
        else if (o->type == CLI_DOUBLE && isnan(*(double *)o->value)) snprintf(def, sizeof def, "-");
        else if (o->type == CLI_DOUBLE) snprintf(def, sizeof def, "%g", *(double *)o->value);
        else if (o->type == CLI_STRING) snprintf(def, sizeof def, "%s", *(const char **)o->value ? *(const char **)o->value : "");
        else snprintf(def, sizeof def, "off");
        printf("  --%-18s %-10s %s\n", o->name, def, o->help);
    }
    printf("  --%-18s %-10s %s\n", "help", "", "print this list");
}

/* Returns 0 to go on, 1 after --help (caller exits 0... see cli_parse), -1 on error. */
static int cli_parse(int argc, char **argv, const cli_opt *opts, int n, const char *about)
{
    int i, k;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *val = NULL, *eq;
        size_t len;
        const cli_opt *o = NULL;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            cli_help(about, opts, n);
            exit(0);
        }
        if (strncmp(a, "--", 2) != 0) {
            fprintf(stderr, "%s: unexpected argument '%s' (try --help)\n", argv[0], a);
            return -1;
        }
        a += 2;
        eq = strchr(a, '=');
        len = eq ? (size_t)(eq - a) : strlen(a);
        for (k = 0; k < n; k++)
            if (strlen(opts[k].name) == len && strncmp(opts[k].name, a, len) == 0) o = &opts[k];
        if (!o) {
            fprintf(stderr, "%s: unknown flag '--%.*s' (try --help)\n", argv[0], (int)len, a);
            return -1;
        }
        if (o->type == CLI_FLAG) {
            *(int *)o->value = 1;
            continue;
        }
        if (eq) val = eq + 1;
        else if (i + 1 < argc) val = argv[++i];
        else {
            fprintf(stderr, "%s: flag '--%s' needs a value\n", argv[0], o->name);
            return -1;
        }
        if (cli_set(o, val) != 0) {
            fprintf(stderr, "%s: bad value '%s' for --%s (%s)\n", argv[0], val, o->name,
                    o->type == CLI_INT ? "an integer" : o->type == CLI_DOUBLE ? "a finite number" : "text");
            return -1;
        }
    }
    return 0;
}
#endif
