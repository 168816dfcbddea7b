/* app/views/view_diagnosis.h - what the Bias & variance view
 * (view_diagnosis.c) last drew, for tests: the diagnosis behind it and its
 * error bars. */
#ifndef NNLAB_VIEW_DIAGNOSIS_H
#define NNLAB_VIEW_DIAGNOSIS_H

#include <SDL.h>

#include "nn/diagnose.h"

enum { DIAG_BAR_HUMAN, DIAG_BAR_TRAIN, DIAG_BAR_DEV, DIAG_BAR_TEST, DIAG_BARS };

/* The diagnosis the last frame showed (*d) and its bars' rectangles (each
 * from 0 error at its left edge to the error at its right; bars[DIAG_BAR_TEST]
 * has w = 0 when there is no test error). Returns 1, or 0 when the frame
 * showed no diagnosis (no run, regression, no dev set). */
int diagnosis_view_shown(const void *self, nn_diagnosis *d, SDL_Rect bars[DIAG_BARS]);

#endif
