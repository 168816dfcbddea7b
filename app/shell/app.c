/* app/shell/app.c - small services the views share (see app.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "labs/view_setting.h"
#include "nn/status.h"

#include "shell/app.h"
#include "shell/net_slice.h"
#include "views/view.h"

void app_toast(app *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->toast, sizeof a->toast, fmt, ap);
    va_end(ap);
    a->toast_until = a->time + 4.0;
}

int app_labs_init(app *a)
{
    if (slab_init(&a->slab, NN_SURF_ROSENBROCK) != NN_OK) return -1;
    if (ewa_lab_init(&a->ewa) != NN_OK) {
        slab_free(&a->slab);
        return -1;
    }
    net_slice_attach(a);      /* surface.fn = network: the Playground's network */
    return 0;
}

void app_labs_free(app *a)
{
    slab_free(&a->slab);
    net_slice_free(a);
}

void *app_view_state(app *a, int i)
{
    if (i < 0 || i >= VIEW_COUNT || i >= APP_MAX_VIEWS) return NULL;
    if (!a->view_state[i]) a->view_state[i] = VIEWS[i]->create(a);
    return a->view_state[i];
}

int app_view_setting(app *a, const char *name, const char *value)
{
    int v = 0;
    if (view_setting_parse(name, value, &v) != NN_OK) return NN_ERR_ARG;
    if (strcmp(name, "colour-by") == 0) a->colour_by = v;
    else a->softmax_mode = v;
    return NN_OK;
}

void app_view_settings_default(app *a)
{
    a->colour_by = VIEW_COLOUR_BY_WEIGHT;
    a->softmax_mode = VIEW_SOFTMAX_EXAMPLE;
}

int app_set_view(app *a, const char *id)
{
    const int i = view_index(id);
    if (i < 0) return -1;
    a->view = i;
    prefs_set(&a->prefs, "view", VIEWS[i]->id);   /* id may point into the prefs themselves */
    return 0;
}
