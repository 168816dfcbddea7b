/* app/views/playground_regular.h - regularisation made visible in the
 * Playground: the weights' histogram and spread (L2 shrinks it; the
 * previous run's faint beside it), the train/dev gap named at the curves'
 * end, dropout's inverted scaling and "evaluation: dropout off", and the
 * early stop's "weights restored from epoch B". */
#ifndef NNLAB_PLAYGROUND_REGULAR_H
#define NNLAB_PLAYGROUND_REGULAR_H

#include <SDL.h>
#include <stddef.h>

#include "draw/plot.h"
#include "shell/app.h"

#define PG_WEIGHT_BINS 31

/* The weights L2 decays (every layer's first n_weights parameters, biases
 * excluded): their count, mean and standard deviation ("spread"). */
typedef struct pg_spread { long n; double mean, std, max_abs; } pg_spread;
pg_spread pg_weight_spread(const nn_model *m);
pg_spread pg_values_spread(const float *w, long n);
/* Their histogram over [-range, range] in PG_WEIGHT_BINS bins, as fractions
 * of the weights (so runs of different sizes compare). Returns the count. */
long pg_weight_hist(const nn_model *m, float range, float *frac);

/* "kept ×2.0": dropout's inverted scaling for drop probability p (1/(1-p)). */
void pg_dropout_scale_text(float p, char *out, size_t n);
/* "Early stop at epoch E; weights restored from epoch B" ("" unless stopped). */
void pg_early_stop_text(const nn_trainer_state *st, char *out, size_t n);

/* 1 when the Playground shows the weights' histogram (L2 on). */
int  pg_weights_shown(const app *a);
/* The histogram of the weights with their spread, the previous run faint. */
void pg_draw_weights(app *a, SDL_Rect area);
/* The train/dev gap at the curves' end, with a bracket between them:
 * "train − dev: 35%" on an accuracy plot (fr's y within 0..1, linear),
 * "dev − train: 0.31" on a loss plot (in = the plot's data rectangle), at
 * the x of `epoch` (the curves' last). */
void pg_draw_gap(app *a, SDL_Rect in, const gfx_frame *fr, double epoch, double train, double dev, int legend_rows);
/* Dropout's two lines under the network ("training: × off this mini-batch,
 * the rest kept ×2.0" / "pictures: evaluation, dropout off"); the second
 * only when `second` has room (h > 0). */
void pg_draw_dropout_note(app *a, SDL_Rect first, SDL_Rect second);
/* The "evaluation: dropout off" badge in the decision regions' corner. */
void pg_draw_eval_badge(app *a, SDL_Rect square);
/* The early stop's line (nothing unless stopped); returns 1 if drawn. */
int  pg_draw_early_stop(app *a, SDL_Rect line);

#endif
