/* app/record/rec_palette.c - a GIF frame's 256 colours (see rec_palette.h). */
#include <stdlib.h>
#include <string.h>

#include "record/rec_palette.h"

#define HASH_BITS 17
#define HASH_SIZE (1u << HASH_BITS)
#define HASH_FULL (HASH_SIZE / 2)     /* more distinct colours: the rest counts as "other" */
#define EXACT 128                     /* colours kept exactly when there are more than 256 */

typedef struct entry {
    uint32_t key;                     /* 0x01RRGGBB; 0 = empty */
    uint32_t count;
    int      slot;                    /* palette index when kept exactly, else -1 */
} entry;

struct rec_palette {
    entry   *t;
    int      used;
    long     max;
    uint8_t *r, *g, *b, *q, *quantized;   /* the pixels for median cut, and which pixels those are */
};

rec_palette *rec_palette_new(long max_pixels)
{
    rec_palette *p = calloc(1, sizeof *p);
    if (!p) return NULL;
    p->max = max_pixels;
    p->t = malloc(HASH_SIZE * sizeof *p->t);
    p->r = malloc((size_t)max_pixels);
    p->g = malloc((size_t)max_pixels);
    p->b = malloc((size_t)max_pixels);
    p->q = malloc((size_t)max_pixels);
    p->quantized = malloc((size_t)max_pixels);
    if (!p->t || !p->r || !p->g || !p->b || !p->q || !p->quantized) {
        rec_palette_free(p);
        return NULL;
    }
    return p;
}

void rec_palette_free(rec_palette *p)
{
    if (!p) return;
    free(p->t); free(p->r); free(p->g); free(p->b); free(p->q); free(p->quantized);
    free(p);
}

static uint32_t key_of(const uint8_t *px) { return 0x01000000u | (uint32_t)px[0] << 16 | (uint32_t)px[1] << 8 | px[2]; }

/* The colour's entry, added when new; NULL when the table is full. */
static entry *find(rec_palette *p, uint32_t key, int add)
{
    uint32_t i = (key * 0x9E3779B1u) >> (32 - HASH_BITS);
    for (;; i = (i + 1) & (HASH_SIZE - 1)) {
        entry *e = &p->t[i];
        if (e->key == key) return e;
        if (e->key == 0) {
            if (!add || p->used >= (int)HASH_FULL) return NULL;
            p->used++;
            *e = (entry){ key, 0, -1 };
            return e;
        }
    }
}

static GifColorType colour_of(uint32_t key)
{
    return (GifColorType){ (GifByteType)(key >> 16), (GifByteType)(key >> 8), (GifByteType)key };
}

int rec_palette_map(rec_palette *p, const uint8_t *rgba, int w, int h, int pitch, uint8_t *idx,
                    GifColorType colours[256])
{
    const long n = (long)w * h;
    if (n > p->max || n < 1) return -1;
    memset(p->t, 0, HASH_SIZE * sizeof *p->t);
    p->used = 0;
    /* count every colour (a run of one colour is one look-up) */
    int overflow = 0;
    for (int y = 0; y < h; y++) {
        const uint8_t *px = rgba + (size_t)y * pitch;
        uint32_t last = 0;
        entry *e = NULL;
        for (int x = 0; x < w; x++, px += 4) {
            const uint32_t k = key_of(px);
            if (k != last || !e) { e = find(p, k, 1); last = k; }
            if (e) e->count++;
            else overflow = 1;
        }
    }
    int n_colours = 0;
    if (!overflow && p->used <= 256) {             /* every colour exactly */
        for (uint32_t i = 0; i < HASH_SIZE; i++)
            if (p->t[i].key) { p->t[i].slot = n_colours; colours[n_colours++] = colour_of(p->t[i].key); }
    } else {                                        /* the EXACT most frequent ones */
        entry *top[EXACT];
        int n_top = 0;
        /* flat colours only: a smooth gradient's colours, each on a few
         * pixels, kept exactly beside median-cut neighbours would look noisy */
        const uint32_t flat = n / 1000 > 8 ? (uint32_t)(n / 1000) : 8;
        for (uint32_t i = 0; i < HASH_SIZE; i++) {
            entry *e = &p->t[i];
            if (!e->key || e->count < flat || (n_top == EXACT && e->count <= top[EXACT - 1]->count)) continue;
            int at = n_top < EXACT ? n_top++ : EXACT - 1;
            while (at > 0 && top[at - 1]->count < e->count) { top[at] = top[at - 1]; at--; }
            top[at] = e;
        }
        for (int k = 0; k < n_top; k++) { top[k]->slot = k; colours[k] = colour_of(top[k]->key); }
        n_colours = n_top;
    }
    /* each pixel: its exact slot, or into the median cut */
    long m = 0;
    for (int y = 0; y < h; y++) {
        const uint8_t *px = rgba + (size_t)y * pitch;
        uint32_t last = 0;
        int slot = -1;
        for (int x = 0; x < w; x++, px += 4) {
            const uint32_t k = key_of(px);
            if (k != last) {
                const entry *e = find(p, k, 0);
                slot = e ? e->slot : -1;
                last = k;
            }
            const long i = (long)y * w + x;
            p->quantized[i] = slot < 0;
            if (slot >= 0) { idx[i] = (uint8_t)slot; continue; }
            p->r[m] = px[0];
            p->g[m] = px[1];
            p->b[m] = px[2];
            m++;
        }
    }
    if (m == 0) return n_colours;
    int size = 256 - n_colours;
    if (GifQuantizeBuffer((unsigned)m, 1, &size, p->r, p->g, p->b, p->q, colours + n_colours) == GIF_ERROR)
        return -1;
    /* each median-cut colour: the mean of its pixels */
    unsigned long sum[256][4];
    memset(sum, 0, sizeof sum);
    for (long j = 0; j < m; j++) {
        unsigned long *s = sum[p->q[j]];
        s[0] += p->r[j]; s[1] += p->g[j]; s[2] += p->b[j]; s[3]++;
    }
    for (int k = 0; k < 256 - n_colours; k++) {
        const unsigned long c = sum[k][3];
        if (c) colours[n_colours + k] = (GifColorType){ (GifByteType)((sum[k][0] + c / 2) / c),
                                                        (GifByteType)((sum[k][1] + c / 2) / c),
                                                        (GifByteType)((sum[k][2] + c / 2) / c) };
    }
    long j = 0;
    for (long i = 0; i < n; i++)
        if (p->quantized[i]) idx[i] = (uint8_t)(n_colours + p->q[j++]);
    return 256;
}
