/* app/labs/view_setting.h - the views' own settings, which are not the
 * network's: how a picture is drawn, never what is trained. A lesson sets
 * them like any setting (`set: colour-by = gradient`, also in its header),
 * nnlab takes them with --set, and they mark their widget for highlight /
 * lock / hide. No SDL.
 *
 *   colour-by = weight | gradient   the Playground's network diagram: by the
 *                                   weights (the default) or by the latest
 *                                   update's gradients (its "Colour by" tabs, key G)
 *   softmax-mode = example | logits | picture
 *                                   what the Softmax view shows: an example of
 *                                   the run (the default), logits you type, or
 *                                   your own picture (its tabs)
 *
 * A lesson starts with every view setting at its default. */
#ifndef NNLAB_VIEW_SETTING_H
#define NNLAB_VIEW_SETTING_H

#include "labs/lab_setting.h"

enum { VIEW_COLOUR_BY_WEIGHT, VIEW_COLOUR_BY_GRADIENT };
enum { VIEW_SOFTMAX_EXAMPLE, VIEW_SOFTMAX_LOGITS, VIEW_SOFTMAX_PICTURE };   /* views/softmax_view.h's sm_mode */

/* The table (name and help, as --help and lessons/README.md say them). */
const lab_setting *view_settings(int *n);
/* 1 if name is a view setting. */
int view_setting_known(const char *name);
/* Check a value: NN_OK and *parsed (its enum above; may be NULL), or
 * NN_ERR_ARG with a message saying what is accepted. */
int view_setting_parse(const char *name, const char *value, int *parsed);

#endif
