/* app/draw/netdiag.c - layout and drawing of a layered network diagram. */
#include "draw/netdiag.h"

#include <math.h>

#include "draw/prim.h"

#define MAX_LAYERS 16
#define MAX_NODES  (MAX_LAYERS * 64)

gfx_net_desc gfx_net_default(const int *sizes, int n_layers, float scale)
{
    return (gfx_net_desc){ .sizes = sizes, .n_layers = n_layers, .max_shown = 12, .scale = scale,
                           .show_sizes = 1, .style = gfx_style_dark() };
}

static int cap_shown(int max_shown) { return max_shown > 1 ? (max_shown > 64 ? 64 : max_shown) : 12; }

int gfx_net_shown(int size, int max_shown)
{
    int m = cap_shown(max_shown);
    return size < 0 ? 0 : size < m ? size : m;
}

int gfx_net_node_index(int size, int max_shown, int k)
{
    int shown = gfx_net_shown(size, max_shown);
    return (shown < size && k == shown - 1) ? size - 1 : k;
}

int gfx_net_layout(const int *sizes, int n_layers, int max_shown, SDL_Rect area, SDL_FPoint *pos,
                   int cap, float *radius)
{
    if (n_layers > MAX_LAYERS) n_layers = MAX_LAYERS;
    int tallest = 1;
    for (int l = 0; l < n_layers; l++) {
        int m = gfx_net_shown(sizes[l], max_shown);
        if (m > tallest) tallest = m;
    }
    /* one spacing for all layers, so a 2-node layer does not spread across the column */
    float vspace = (float)area.h / (float)tallest;
    float hspace = n_layers > 0 ? (float)area.w / (float)n_layers : (float)area.w;
    float rad = fminf(0.35f * vspace, 0.18f * hspace);
    if (rad > 28.0f) rad = 28.0f;
    if (radius) *radius = rad;
    float cy = (float)area.y + (float)area.h * 0.5f;
    int n = 0;
    for (int l = 0; l < n_layers; l++) {
        int m = gfx_net_shown(sizes[l], max_shown);
        float x = (float)area.x + ((float)l + 0.5f) * hspace;
        for (int k = 0; k < m && n < cap; k++)
            pos[n++] = (SDL_FPoint){ x, cy + ((float)k - (float)(m - 1) * 0.5f) * vspace };
    }
    return n;
}

void gfx_net_draw(SDL_Renderer *r, gfx_fonts *f, SDL_Rect area, const gfx_net_desc *d)
{
    SDL_FPoint pos[MAX_NODES];
    int first[MAX_LAYERS + 1];
    float rad, s = d->scale > 0.0f ? d->scale : 1.0f;
    int L = d->n_layers < MAX_LAYERS ? d->n_layers : MAX_LAYERS;
    /* leave a text line under the columns for the sizes */
    SDL_Rect nodes_area = area;
    if (d->show_sizes) nodes_area.h -= gfx_text_height(f, GFX_FONT_SMALL) * 2;
    gfx_net_layout(d->sizes, L, d->max_shown, nodes_area, pos, MAX_NODES, &rad);
    first[0] = 0;
    for (int l = 0; l < L; l++) first[l + 1] = first[l] + gfx_net_shown(d->sizes[l], d->max_shown);

    if (d->weight) {
        float wmax = d->w_max;
        for (int pass = 0; pass < 2; pass++) {     /* pass 0 finds the scale if not given */
            if (pass == 0 && wmax > 0.0f) continue;
            for (int l = 0; l + 1 < L; l++)
                for (int a = first[l]; a < first[l + 1]; a++)
                    for (int b = first[l + 1]; b < first[l + 2]; b++) {
                        int i = gfx_net_node_index(d->sizes[l], d->max_shown, a - first[l]);
                        int j = gfx_net_node_index(d->sizes[l + 1], d->max_shown, b - first[l + 1]);
                        float w = d->weight(d->user, l, i, j);
                        if (!isfinite(w)) continue;
                        if (pass == 0) { if (fabsf(w) > wmax) wmax = fabsf(w); continue; }
                        float m = fminf(fabsf(w) / wmax, 1.0f);
                        SDL_Color c = gfx_fade(pal_diverging(w < 0.0f ? -1.0f : 1.0f), 0.2f + 0.8f * m);
                        gfx_line(r, pos[a].x, pos[a].y, pos[b].x, pos[b].y, (0.6f + 5.0f * m) * s, c);
                    }
            if (pass == 0 && !(wmax > 0.0f)) wmax = 1.0f;
        }
    }
    for (int l = 0; l < L; l++) {
        for (int a = first[l]; a < first[l + 1]; a++) {
            int i = gfx_net_node_index(d->sizes[l], d->max_shown, a - first[l]);
            SDL_Color fill = d->node ? pal_diverging(d->node(d->user, l, i)) : d->style.bg;
            gfx_disc(r, pos[a].x, pos[a].y, rad, fill);
            gfx_ring(r, pos[a].x, pos[a].y, rad, 1.5f * s, d->style.axis);
        }
        if (first[l + 1] == first[l]) continue;
        int x = (int)pos[first[l]].x, y = (int)(pos[first[l + 1] - 1].y + rad) + (int)(4 * s);
        int hidden = d->sizes[l] - (first[l + 1] - first[l]);
        if (hidden > 0) gfx_textf(f, GFX_FONT_SMALL, x, y, d->style.text_dim, GFX_ALIGN_CENTER, "+%d", hidden);
        if (d->show_sizes)
            gfx_textf(f, GFX_FONT_SMALL, x, area.y + area.h - gfx_text_height(f, GFX_FONT_SMALL),
                      d->style.text, GFX_ALIGN_CENTER, "%d", d->sizes[l]);
    }
}
