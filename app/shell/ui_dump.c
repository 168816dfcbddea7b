/* ui_dump.c - the last frame's controls as text for real-window scripts (see ui_dump.h). */
#include <stdio.h>
#include <string.h>

#include <SDL.h>

#include "nn/file.h"
#include "shell/app.h"
#include "shell/ui_dump.h"
#include "ui/ui.h"
#include "views/view.h"

static const char *const KINDS[] = {
    [UI_W_BUTTON] = "button", [UI_W_CHECKBOX] = "checkbox", [UI_W_SWITCH] = "switch",
    [UI_W_SLIDER] = "slider", [UI_W_DROPDOWN] = "dropdown", [UI_W_NUMBER] = "number",
    [UI_W_STEP] = "step", [UI_W_TAB] = "tab", [UI_W_TEXT] = "text", [UI_W_PAD] = "pad",
    [UI_W_FIELD] = "field",
};

/* FNV-1a over what the file would say: written again only when it differs. */
static unsigned long long mix(unsigned long long h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t k = 0; k < n; k++) h = (h ^ b[k]) * 1099511628211ull;
    return h;
}

void shell_ui_dump(app *a)
{
    static unsigned long long last;
    const char *path = SDL_getenv("NNLAB_UI_DUMP");
    if (!path || !*path || !a->ui) return;
    const ui_widget_info *w;
    const int n = ui_widgets(a->ui, &w);
    SDL_Rect open;
    int first = 0, rows = 0, items = 0, row_h = 0;
    const int is_open = ui_open_list(a->ui, &open, &first, &rows, &items, &row_h);
    unsigned long long h = mix(14695981039346656037ull, &a->view, sizeof a->view);
    for (int i = 0; i < n; i++) {
        h = mix(h, &w[i].rect, sizeof w[i].rect);
        h = mix(h, &w[i].selected, sizeof w[i].selected);
        h = mix(h, &w[i].locked, sizeof w[i].locked);
        h = mix(h, w[i].label, strnlen(w[i].label, sizeof w[i].label));
    }
    if (is_open) h = mix(mix(h, &open, sizeof open), &first, sizeof first);
    if (h == last) return;
    nn_file_out o;
    if (nn_file_out_open(&o, path) != 0) return;       /* a test facility: nothing to tell a learner */
    fprintf(o.f, "view %s\n", VIEWS[a->view]->id);
    for (int i = 0; i < n; i++) {
        const int k = w[i].kind;
        fprintf(o.f, "%s %d %d %d %d %d %d %d %s\n",
                k >= 0 && k < (int)(sizeof KINDS / sizeof KINDS[0]) && KINDS[k] ? KINDS[k] : "?",
                w[i].rect.x, w[i].rect.y, w[i].rect.w, w[i].rect.h, w[i].selected, w[i].n,
                w[i].locked, w[i].label);
    }
    if (is_open)
        fprintf(o.f, "open %d %d %d %d %d %d %d %d\n", open.x, open.y, open.w, open.h, first, rows,
                items, row_h);
    if (nn_file_out_commit(&o) == 0) last = h;
}
