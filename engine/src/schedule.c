/* schedule.c - learning-rate decay per epoch (see nn/schedule.h). */
#include <math.h>
#include <string.h>

#include "nn/schedule.h"

static const char *const NAMES[] = {
    [NN_DECAY_NONE] = "none", [NN_DECAY_INVERSE] = "inverse", [NN_DECAY_EXP] = "exp",
    [NN_DECAY_SQRT] = "sqrt", [NN_DECAY_STEP] = "step",
};
_Static_assert(sizeof NAMES / sizeof NAMES[0] == NN_DECAY_COUNT, "add a row to NAMES");

const char *nn_decay_name(nn_decay d) { return (unsigned)d < NN_DECAY_COUNT ? NAMES[d] : "?"; }

int nn_decay_from_name(const char *name)
{
    for (int i = 0; i < NN_DECAY_COUNT; i++)
        if (strcmp(name, NAMES[i]) == 0) return i;
    return -1;
}

nn_schedule nn_schedule_default(nn_decay d)
{
    return (nn_schedule){ .kind = d, .rate = 1.0f, .every = 10, .factor = 0.5f };
}

float nn_schedule_lr(const nn_schedule *s, float lr0, int t)
{
    const double e = t < 0 ? 0 : t, k = s->rate;
    switch (s->kind) {
    case NN_DECAY_INVERSE: return (float)(lr0 / (1.0 + k * e));
    case NN_DECAY_EXP:     return (float)(lr0 * exp(-k * e));
    case NN_DECAY_SQRT:    return (float)(k * lr0 / sqrt(e < 1 ? 1 : e));
    case NN_DECAY_STEP:    return (float)(lr0 * pow(s->factor, floor(e / (s->every > 0 ? s->every : 1))));
    case NN_DECAY_NONE:
    case NN_DECAY_COUNT:   break;
    }
    return lr0;
}

float nn_schedule_lr_during(const nn_schedule *s, float lr0, int epoch)
{
    return nn_schedule_lr(s, lr0, epoch > 1 ? epoch - 1 : 0);
}
