/* app/views/view_race.h - what the Compare view (view_race.c) races, for
 * tests that use its controls and check the lanes they built. */
#ifndef NNLAB_VIEW_RACE_H
#define NNLAB_VIEW_RACE_H

#include "shell/race.h"
#include "shell/race_compare.h"

/* The view's own race (not a lesson's), or NULL when its lanes could not be
 * built or wait for Play (settings chosen since they were built). */
const race *race_view_race(const void *self);
/* The runs the panel's choices ask for (built on Play or Reset), or NULL
 * when they cannot run (the panel says why). */
const race_plan *race_view_plan(const void *self);
/* How many times the view has built lanes (choosing values builds none). */
int race_view_builds(const void *self);

#endif
