/* gif.h - indexed-colour pictures for the examples: an animated GIF writer (GIF89a,
   LZW-compressed, each frame after the first stores only the pixels that changed) and
   a 5 x 7 pixel font to label the frames. Used by anim_memories.c; no dependencies.

   An image is W x H bytes, one palette index per pixel, row 0 at the top.

   Compression. GIF compresses every frame with LZW: the encoder grows a dictionary of
   the pixel strings it has seen, each new entry = an old entry + one pixel, and emits
   the code of the longest known string; codes are 1 + log2(palette) bits at first and
   grow by one bit each time the dictionary outgrows them, up to 12 bits (4096
   entries), when a clear code starts over. A frame of which most pixels are the
   "transparent" index (here: the same as in the previous frame, shown through) is
   long runs of one value, which LZW turns into few codes: an animation of slowly
   changing tiles costs little more than its changes. */
#ifndef DAM_EXAMPLES_GIF_H
#define DAM_EXAMPLES_GIF_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct gif_writer {
    FILE *f;
    int w, h, bits;           /* size; palette of 2^bits colours                      */
    int transparent;          /* the index that means "as in the previous frame"      */
    unsigned char *prev, *diff;
    int frames;
    /* LZW state */
    unsigned short *child;    /* 4096 x 2^bits: the code of (string code, next index)  */
    unsigned long acc;        /* bits not yet written                                  */
    int nacc, nblock;
    unsigned char block[256]; /* the data sub-block being filled (at most 255 bytes)   */
} gif_writer;

static void gif__byte(gif_writer *g, int b)
{
    g->block[g->nblock++] = (unsigned char)b;
    if (g->nblock == 255) {
        fputc(255, g->f);
        fwrite(g->block, 1, 255, g->f);
        g->nblock = 0;
    }
}
static void gif__code(gif_writer *g, int code, int size)
{
    g->acc |= (unsigned long)code << g->nacc;
    g->nacc += size;
    while (g->nacc >= 8) {
        gif__byte(g, (int)(g->acc & 255));
        g->acc >>= 8;
        g->nacc -= 8;
    }
}
static void gif__u16(FILE *f, int v) { fputc(v & 255, f), fputc((v >> 8) & 255, f); }

/* LZW-compress n indices (each < 2^bits) as one image's data sub-blocks. */
static void gif__lzw(gif_writer *g, const unsigned char *px, size_t n)
{
    int min = g->bits < 2 ? 2 : g->bits, clear = 1 << min, size = min + 1, last = clear + 1, cur;
    size_t k, per = (size_t)1 << g->bits;
    fputc(min, g->f);
    g->acc = 0, g->nacc = 0, g->nblock = 0;
    memset(g->child, 0, sizeof(unsigned short) * 4096 * per);
    gif__code(g, clear, size);
    cur = px[0];
    for (k = 1; k < n; k++) {
        int next = px[k];
        unsigned short *c = &g->child[(size_t)cur * per + (size_t)next];
        if (*c) { cur = *c; continue; } /* the string + next is known: extend it */
        gif__code(g, cur, size);        /* emit the longest known string */
        *c = (unsigned short)++last;    /* and learn it + next */
        if (last >= (1 << size) && size < 12) size++;
        if (last == 4095) {             /* full: start over */
            gif__code(g, clear, size);
            memset(g->child, 0, sizeof(unsigned short) * 4096 * per);
            size = min + 1, last = clear + 1;
        }
        cur = next;
    }
    gif__code(g, cur, size);
    /* The decoder learns one entry per code it reads (except the first after a clear),
       one step behind the encoder: reading this last code it learns entry last + 1, and
       if that fills the 2^size codes it reads the next one a bit wider. The end of
       information must be written at that width. */
    if (last + 1 >= (1 << size) && size < 12) size++;
    gif__code(g, clear + 1, size); /* end of information */
    if (g->nacc > 0) gif__byte(g, (int)(g->acc & 255));
    if (g->nblock > 0) {
        fputc(g->nblock, g->f);
        fwrite(g->block, 1, (size_t)g->nblock, g->f);
    }
    fputc(0, g->f); /* block terminator */
}

/* The largest width or height a GIF can state (a 16-bit field). */
#define GIF_MAX_SIDE 65535

/* Start a looping animation of w x h pixels; palette: 2^bits RGB triples (bits 1..8);
   transparent: the index frames use for "unchanged" (never drawn). 0; 1 when the file
   cannot be opened or there is no memory; 2 when w or h is outside 1..65535, bits
   outside 1..8 or transparent outside 0..2^bits - 1 (nothing opened). */
static int gif_begin(gif_writer *g, const char *path, int w, int h, const unsigned char *palette, int bits, int transparent)
{
    memset(g, 0, sizeof *g);
    if (w < 1 || w > GIF_MAX_SIDE || h < 1 || h > GIF_MAX_SIDE || bits < 1 || bits > 8 || transparent < 0 || transparent >= 1 << bits)
        return 2;
    g->w = w, g->h = h, g->bits = bits, g->transparent = transparent;
    g->prev = (unsigned char *)malloc((size_t)w * h);
    g->diff = (unsigned char *)malloc((size_t)w * h);
    g->child = (unsigned short *)malloc(sizeof(unsigned short) * 4096 * ((size_t)1 << bits));
    if (!g->prev || !g->diff || !g->child || !(g->f = fopen(path, "wb"))) {
        free(g->prev), free(g->diff), free(g->child);
        return 1;
    }
    fwrite("GIF89a", 1, 6, g->f);
    gif__u16(g->f, w), gif__u16(g->f, h);
    fputc(0x80 | 0x70 | (bits - 1), g->f); /* global palette, 8-bit colour resolution */
    fputc(0, g->f), fputc(0, g->f);        /* background index, aspect */
    fwrite(palette, 3, (size_t)1 << bits, g->f);
    fwrite("\x21\xFF\x0BNETSCAPE2.0\x03\x01\x00\x00\x00", 1, 19, g->f); /* loop forever */
    return 0;
}

/* Add a frame (w x h indices) shown for delay hundredths of a second. */
static void gif_frame(gif_writer *g, const unsigned char *px, int delay)
{
    size_t k, n = (size_t)g->w * g->h;
    const unsigned char *out = px;
    int first = g->frames == 0;
    if (!first) {
        for (k = 0; k < n; k++) g->diff[k] = px[k] == g->prev[k] ? (unsigned char)g->transparent : px[k];
        out = g->diff;
    }
    fwrite("\x21\xF9\x04", 1, 3, g->f);                 /* graphic control extension */
    fputc((1 << 2) | (first ? 0 : 1), g->f);            /* keep the frame; transparency */
    gif__u16(g->f, delay);
    fputc(first ? 0 : g->transparent, g->f);
    fputc(0, g->f);
    fputc(0x2C, g->f);                                  /* image descriptor */
    gif__u16(g->f, 0), gif__u16(g->f, 0), gif__u16(g->f, g->w), gif__u16(g->f, g->h);
    fputc(0, g->f);
    gif__lzw(g, out, n);
    memcpy(g->prev, px, n);
    g->frames++;
}

/* Finish the file. 0, or 1 when writing failed. */
static int gif_end(gif_writer *g)
{
    int bad;
    fputc(0x3B, g->f);
    bad = ferror(g->f) != 0;
    bad |= fclose(g->f) != 0;
    free(g->prev), free(g->diff), free(g->child);
    memset(g, 0, sizeof *g);
    return bad;
}

/* ----- text: a 5 x 7 font, drawn at an integer scale ------------------------------- */
static const char gif__chars[] = "0123456789./:=()-,abcdefghiklmnoprstuvwxyEWCKASGMINTR'";
static const unsigned char gif__glyphs[][7] = {
    {0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E}, {0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E}, {0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F},
    {0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E}, {0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02}, {0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E},
    {0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E}, {0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08}, {0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E},
    {0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C}, {0x00, 0x00, 0x00, 0x00, 0x00, 0x0C, 0x0C}, {0x01, 0x01, 0x02, 0x04, 0x08, 0x10, 0x10},
    {0x00, 0x0C, 0x0C, 0x00, 0x0C, 0x0C, 0x00}, {0x00, 0x00, 0x1F, 0x00, 0x1F, 0x00, 0x00}, {0x02, 0x04, 0x08, 0x08, 0x08, 0x04, 0x02},
    {0x08, 0x04, 0x02, 0x02, 0x02, 0x04, 0x08}, {0x00, 0x00, 0x00, 0x1F, 0x00, 0x00, 0x00}, {0x00, 0x00, 0x00, 0x00, 0x0C, 0x04, 0x08},
    {0x00, 0x00, 0x0E, 0x01, 0x0F, 0x11, 0x0F}, {0x10, 0x10, 0x16, 0x19, 0x11, 0x11, 0x1E}, {0x00, 0x00, 0x0E, 0x10, 0x10, 0x11, 0x0E},
    {0x01, 0x01, 0x0D, 0x13, 0x11, 0x11, 0x0F}, {0x00, 0x00, 0x0E, 0x11, 0x1F, 0x10, 0x0E}, {0x06, 0x09, 0x08, 0x1C, 0x08, 0x08, 0x08},
    {0x00, 0x0F, 0x11, 0x11, 0x0F, 0x01, 0x0E}, {0x10, 0x10, 0x16, 0x19, 0x11, 0x11, 0x11}, {0x04, 0x00, 0x0C, 0x04, 0x04, 0x04, 0x0E},
    {0x10, 0x10, 0x12, 0x14, 0x18, 0x14, 0x12}, {0x0C, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0E}, {0x00, 0x00, 0x1A, 0x15, 0x15, 0x11, 0x11},
    {0x00, 0x00, 0x16, 0x19, 0x11, 0x11, 0x11}, {0x00, 0x00, 0x0E, 0x11, 0x11, 0x11, 0x0E}, {0x00, 0x00, 0x1E, 0x11, 0x1E, 0x10, 0x10},
    {0x00, 0x00, 0x16, 0x19, 0x10, 0x10, 0x10}, {0x00, 0x00, 0x0E, 0x10, 0x0E, 0x01, 0x1E}, {0x08, 0x08, 0x1C, 0x08, 0x08, 0x09, 0x06},
    {0x00, 0x00, 0x11, 0x11, 0x11, 0x13, 0x0D}, {0x00, 0x00, 0x11, 0x11, 0x11, 0x0A, 0x04}, {0x00, 0x00, 0x11, 0x11, 0x15, 0x15, 0x0A},
    {0x00, 0x00, 0x11, 0x0A, 0x04, 0x0A, 0x11}, {0x00, 0x00, 0x11, 0x11, 0x0F, 0x01, 0x0E}, {0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x1F},
    {0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0A}, {0x0E, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0E}, {0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11},
    {0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11}, {0x0F, 0x10, 0x10, 0x0E, 0x01, 0x01, 0x1E}, {0x0E, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0F},
    {0x11, 0x1B, 0x15, 0x15, 0x11, 0x11, 0x11}, {0x0E, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0E}, {0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11},
    {0x1F, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04}, {0x1E, 0x11, 0x11, 0x1E, 0x14, 0x12, 0x11},
    {0x04, 0x04, 0x08, 0x00, 0x00, 0x00, 0x00}};

/* The width in pixels of text at scale s (6 s per character: 5 and a space). */
static int gif_text_width(const char *text, int s) { return (int)strlen(text) * 6 * s - s; }

/* Draw text into a w x h image with its top left corner at (x, y), in colour c, each
   font pixel s x s; characters the font lacks are blank; clipped at the edges. */
static void gif_text(unsigned char *img, int w, int h, int x, int y, const char *text, int c, int s)
{
    for (; *text; text++, x += 6 * s) {
        const char *at = strchr(gif__chars, *text);
        int r, b, i, j;
        if (!at || !*text) continue;
        for (r = 0; r < 7; r++)
            for (b = 0; b < 5; b++)
                if (gif__glyphs[at - gif__chars][r] & (0x10 >> b))
                    for (i = 0; i < s; i++)
                        for (j = 0; j < s; j++) {
                            int px = x + b * s + j, py = y + r * s + i;
                            if (px >= 0 && px < w && py >= 0 && py < h) img[(size_t)py * w + px] = (unsigned char)c;
                        }
    }
}
#endif
