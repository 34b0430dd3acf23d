/* test_gif.c - examples/gif.h, the GIF writer of the memory animation: frames written
   with it and read back by the small decoder below (GIF89a blocks, LZW with growing
   code sizes and clear codes, the transparent index as "unchanged") give back the
   pixels; noise of 64 colours fills the 4096-entry dictionary several times, so the
   clear code is exercised; and the 5 x 7 font draws a known glyph. */
#include "../examples/gif.h"

/* Decode frame after frame of a GIF into canvas (w x h, the previous frame's pixels
   kept where a frame has its transparent index). Returns the frames read, -1 when the
   file is malformed. */
static int gif_test_decode(const char *path, unsigned char *canvas, int w, int h, int want_frame, unsigned char *out)
{
    FILE *f = fopen(path, "rb");
    unsigned char hd[13], *data = NULL;
    int frames = 0, transparent = -1, ok = 1;
    static unsigned short prefix[4096];
    static unsigned char suffix[4096], stack[4097];
    if (!f) return -1;
    if (fread(hd, 1, 13, f) != 13 || memcmp(hd, "GIF89a", 6) != 0 || (hd[6] | hd[7] << 8) != w || (hd[8] | hd[9] << 8) != h) ok = 0;
    if (ok && (hd[10] & 0x80)) fseek(f, 3L << ((hd[10] & 7) + 1), SEEK_CUR);
    while (ok) {
        int c = fgetc(f);
        if (c == 0x3B || c == EOF) break;
        if (c == 0x21) {
            int label = fgetc(f), n;
            while ((n = fgetc(f)) > 0) {
                unsigned char b[256];
                if (fread(b, 1, (size_t)n, f) != (size_t)n) { ok = 0; break; }
                if (label == 0xF9 && n == 4) transparent = (b[0] & 1) ? b[3] : -1;
            }
        } else if (c == 0x2C) {
            unsigned char d[9];
            size_t len = 0, cap = 1 << 16, pos = 0, bitpos = 0, k;
            int min, clear, size, next, prev = -1, first = 0, n;
            if (fread(d, 1, 9, f) != 9 || (d[4] | d[5] << 8) != w || (d[6] | d[7] << 8) != h) { ok = 0; break; }
            min = fgetc(f), clear = 1 << min, size = min + 1, next = clear + 2;
            data = (unsigned char *)malloc(cap);
            while (data && (n = fgetc(f)) > 0) {
                if (len + (size_t)n > cap) data = (unsigned char *)realloc(data, cap *= 2);
                if (!data || fread(data + len, 1, (size_t)n, f) != (size_t)n) { ok = 0; break; }
                len += (size_t)n;
            }
            if (!data) { ok = 0; break; }
            for (;;) {
                int code = 0, sp = 0, x;
                if (bitpos + (size_t)size > len * 8) { ok = 0; break; }
                for (k = 0; k < (size_t)size; k++, bitpos++) code |= ((data[bitpos >> 3] >> (bitpos & 7)) & 1) << k;
                if (code == clear) { size = min + 1, next = clear + 2, prev = -1; continue; }
                if (code == clear + 1) break;
                if (prev < 0) { first = code, prev = code; stack[sp++] = (unsigned char)code; }
                else {
                    x = code < next ? code : prev;
                    if (code > next) { ok = 0; break; }
                    while (x >= clear + 2) stack[sp++] = suffix[x], x = prefix[x];
                    stack[sp++] = (unsigned char)x;
                    if (code == next) { memmove(stack + 1, stack, (size_t)sp); stack[0] = (unsigned char)x; sp++; }
                    first = x;
                    if (next < 4096) {
                        prefix[next] = (unsigned short)prev, suffix[next] = (unsigned char)first, next++;
                        if (next == (1 << size) && size < 12) size++;
                    }
                    prev = code;
                }
                /* the stack holds the string reversed */
                while (sp > 0) {
                    unsigned char v = stack[--sp];
                    if (pos < (size_t)w * h && (int)v != transparent) canvas[pos] = v;
                    pos++;
                }
            }
            /* strict: the end-of-information code was read (at the width the table
               growth implies) and it ends in the last data byte, nothing after it */
            if (ok && (bitpos + 7) / 8 != len) ok = 0;
            free(data), data = NULL;
            if (pos != (size_t)w * h) ok = 0;
            if (ok && frames == want_frame) memcpy(out, canvas, (size_t)w * h);
            frames++;
        } else ok = 0;
    }
    fclose(f);
    return ok ? frames : -1;
}

/* The end-of-information code after the last data code: the decoder adds one more
   dictionary entry on reading that code, and if the table then reaches 2^size it reads
   the next code (EOI) one bit wider; the encoder must write it at that width. One-row
   noise images of every width 1..400 at several palette sizes end at every table size,
   so some end just where the width grows (e.g. 193 pixels of 64 colours). */
static void gif_test_eoi_width(void)
{
    enum { WMAX = 400 };
    static unsigned char px[WMAX], canvas[WMAX], got[WMAX];
    static const int bits_list[] = {1, 2, 3, 6, 8};
    unsigned char pal[256 * 3];
    const char *path = "build/test_gif_eoi.gif";
    int b, w, k, failed = 0;
    dam_rng r;
    for (k = 0; k < 256 * 3; k++) pal[k] = (unsigned char)k;
    dam_rng_seed(&r, 11);
    for (b = 0; b < (int)(sizeof bits_list / sizeof bits_list[0]); b++)
        for (w = 1; w <= WMAX; w++) {
            gif_writer g;
            int bad = 0, colours = 1 << bits_list[b];
            for (k = 0; k < w; k++) px[k] = (unsigned char)dam_rng_below(&r, (uint32_t)colours);
            REQUIRE(gif_begin(&g, path, w, 1, pal, bits_list[b], colours - 1) == 0);
            gif_frame(&g, px, 10);
            REQUIRE(gif_end(&g) == 0);
            memset(canvas, 0, sizeof canvas);
            if (gif_test_decode(path, canvas, w, 1, 0, got) != 1) bad = 1;
            for (k = 0; !bad && k < w; k++) bad = got[k] != px[k];
            if (bad && failed++ < 3) CHECKF(0, "width %d, %d-bit palette: does not decode", w, bits_list[b]);
        }
    CHECK_EQ_INT(failed, 0);
    remove(path);
}

/* Sizes a GIF header cannot hold, palettes outside 1..8 bits, a transparent index
   outside the palette: refused with 2 and no file created. */
static void gif_test_begin_refuses(void)
{
    static const unsigned char pal[256 * 3];
    const char *path = "build/test_gif_bad.gif";
    gif_writer g;
    remove(path);
    CHECK_EQ_INT(gif_begin(&g, path, 90000, 1, pal, 6, 63), 2);
    CHECK_EQ_INT(gif_begin(&g, path, 1, 65536, pal, 6, 63), 2);
    CHECK_EQ_INT(gif_begin(&g, path, 0, 1, pal, 6, 63), 2);
    CHECK_EQ_INT(gif_begin(&g, path, 1, -1, pal, 6, 63), 2);
    CHECK_EQ_INT(gif_begin(&g, path, 4, 4, pal, 0, 0), 2);
    CHECK_EQ_INT(gif_begin(&g, path, 4, 4, pal, 9, 0), 2);
    CHECK_EQ_INT(gif_begin(&g, path, 4, 4, pal, 6, 64), 2);
    CHECK_EQ_INT(gif_begin(&g, path, 4, 4, pal, 6, -1), 2);
    CHECK(remove(path) != 0); /* no file was created */
    /* the limits themselves are fine */
    REQUIRE(gif_begin(&g, path, GIF_MAX_SIDE, 1, pal, 8, 255) == 0);
    CHECK_EQ_INT(gif_end(&g), 0);
    remove(path);
}

/* also runs gif_test_eoi_width and gif_test_begin_refuses */
static void test_gif_roundtrip(void)
{
    enum { W = 97, H = 61, F = 4 };
    static unsigned char frames[F][W * H], canvas[W * H], got[W * H];
    unsigned char pal[64 * 3];
    const char *path = "build/test_gif.gif";
    gif_writer g;
    dam_rng r;
    int f, k, bad;
    for (k = 0; k < 64 * 3; k++) pal[k] = (unsigned char)(k * 4);
    dam_rng_seed(&r, 3);
    for (f = 0; f < F; f++)
        for (k = 0; k < W * H; k++) /* frame 0 noise; later frames change a block of it */
            frames[f][k] = f == 0 ? (unsigned char)dam_rng_below(&r, 63)
                                  : (k % W > 10 * f && k % W < 10 * f + 30) ? (unsigned char)dam_rng_below(&r, 63) : frames[f - 1][k];
    REQUIRE(gif_begin(&g, path, W, H, pal, 6, 63) == 0);
    for (f = 0; f < F; f++) gif_frame(&g, frames[f], 10);
    REQUIRE(gif_end(&g) == 0);
    for (f = 0; f < F; f++) {
        memset(canvas, 0, sizeof canvas);
        CHECK_EQ_INT(gif_test_decode(path, canvas, W, H, f, got), F);
        for (bad = 0, k = 0; k < W * H; k++) bad += got[k] != frames[f][k];
        CHECKF(bad == 0, "frame %d: %d pixels differ", f, bad);
    }
    remove(path);
    gif_test_eoi_width();
    gif_test_begin_refuses();
}

static void test_gif_font_draws_glyphs(void)
{
    static unsigned char img[10 * 20];
    int on = 0, k;
    memset(img, 0, sizeof img);
    gif_text(img, 20, 10, 1, 1, "1", 5, 1);
    /* "1": 0x04 0x0C 0x04 0x04 0x04 0x04 0x0E - 1+2+1+1+1+1+3 = 10 pixels */
    for (k = 0; k < 200; k++) on += img[k] == 5;
    CHECK_EQ_INT(on, 10);
    CHECK(img[1 * 20 + 1 + 2] == 5 && img[1 * 20 + 1 + 1] == 0);
    CHECK_EQ_INT(gif_text_width("ab", 2), 22);
    /* clipped at the edge: "W" at (18, 8) keeps only its font columns 0..1 and rows
       0..1 (0x11, 0x11: column 0 on, column 1 off), and nothing is written outside */
    memset(img, 0, sizeof img);
    gif_text(img, 20, 10, 18, 8, "W", 7, 1);
    for (on = 0, k = 0; k < 200; k++) on += img[k] == 7;
    CHECK_EQ_INT(on, 2);
    CHECK(img[8 * 20 + 18] == 7 && img[9 * 20 + 18] == 7 && img[8 * 20 + 19] == 0 && img[9 * 20 + 19] == 0);
}

