/* app/labs/view_setting.c - see view_setting.h. */
#include "labs/view_setting.h"

#include <string.h>

#include "nn/status.h"

static const lab_setting SETTINGS[] = {
    { "colour-by", "colour the Playground's network by weight (default) or by gradient: the latest update's "
                   "|dJ/dw| on the lines and each neuron's error signal, on a log scale" },
    { "softmax-mode", "what the Softmax view shows: example (of the live run, the default), logits (that you "
                      "type) or picture (your own drawing or photo)" },
};
enum { N_SETTINGS = (int)(sizeof SETTINGS / sizeof SETTINGS[0]) };

const lab_setting *view_settings(int *n)
{
    *n = N_SETTINGS;
    return SETTINGS;
}

int view_setting_known(const char *name)
{
    for (int i = 0; i < N_SETTINGS; i++)
        if (strcmp(name, SETTINGS[i].name) == 0) return 1;
    return 0;
}

int view_setting_parse(const char *name, const char *value, int *parsed)
{
    if (!view_setting_known(name)) return lab_unknown_setting(name, SETTINGS, N_SETTINGS);
    static const char *const COLOUR[] = { "weight", "gradient" }, *const MODE[] = { "example", "logits", "picture" };
    const int colour = strcmp(name, "colour-by") == 0;
    const char *const *names = colour ? COLOUR : MODE;
    const int n = colour ? 2 : 3;
    int v = -1;
    for (int i = 0; i < n; i++)
        if (strcmp(value, names[i]) == 0) v = i;
    if (v < 0)
        return colour ? nn_set_error(NN_ERR_ARG, "%s expects weight or gradient, got '%s'", name, value)
                      : nn_set_error(NN_ERR_ARG, "%s expects example, logits or picture, got '%s'", name, value);
    if (parsed) *parsed = v;
    return NN_OK;
}
