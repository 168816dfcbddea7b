/* app/views/run_keys.h - the keys of a view that trains the Playground's run.
 *
 * The Playground and the lenses on its run (Inside the network ...) answer
 * the same keys, so a presenter's habits carry from one to the other:
 *
 *   Space  play / pause          S, Right  one update      E  one epoch
 *   R      reset (same weights)  N         new seed        + / -  speed
 *
 *   static int key(void *self, app *a, const SDL_KeyboardEvent *k) { return run_keys(a, k); }
 *
 * The speed (updates per frame, 1..4096) doubles or halves and is said in a
 * toast ("Speed: 16 updates per frame"). Rendering thread only.
 */
#ifndef NNLAB_RUN_KEYS_H
#define NNLAB_RUN_KEYS_H

#include <SDL.h>

struct app;

/* Handle one of the keys above for the app's session: returns 1 if used. */
int  run_keys(struct app *a, const SDL_KeyboardEvent *k);
/* + / - (and the buttons of that name): double or halve the speed, and say so. */
void run_keys_speed(struct app *a, int faster);

#endif
