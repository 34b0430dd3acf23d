/* fuzz_cli.c - libFuzzer harness for the examples' command-line parser: the input,
   split at NUL bytes, is argv. A bad flag or value must give a message and -1, never a
   crash. ("--help" exits by design, so inputs containing it are skipped.) */
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "../examples/cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf, *argv[64];
    int argc = 1, n = 10, K = 256;
    double T = 0.5, lr = 0.1;
    const char *f = "leaky";
    size_t i, start = 0;
    cli_opt opts[] = {{"n", CLI_INT, &n, "n"}, {"memories", CLI_INT, &K, "K"},
                      {"temperature", CLI_DOUBLE, &T, "T"}, {"lr", CLI_DOUBLE, &lr, "lr"},
                      {"function", CLI_STRING, &f, "f"}};
    if (size > 4096) return 0;
    buf = (char *)malloc(size + 1);
    memcpy(buf, data, size);
    buf[size] = 0;
    argv[0] = (char *)"fuzz";
    for (i = 0; i <= size && argc < 63; i++)
        if (buf[i] == 0) {
            argv[argc++] = buf + start;
            start = i + 1;
        }
    argv[argc] = NULL;
    for (i = 1; i < (size_t)argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            free(buf);
            return 0;
        }
    {
        FILE *keep = stderr;
        stderr = fopen("/dev/null", "w");
        cli_parse(argc, argv, opts, 5, "fuzz");
        fclose(stderr);
        stderr = keep;
    }
    free(buf);
    return 0;
}
