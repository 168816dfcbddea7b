/* app/views/view_race.h - what the Compare view (view_race.c) races, for
 * tests that use its controls and check the lanes they built. */
#ifndef NNLAB_VIEW_RACE_H
#define NNLAB_VIEW_RACE_H

#include "shell/race.h"

/* The view's own race (not a lesson's), or NULL when its lanes could not be built. */
const race *race_view_race(const void *self);

#endif
