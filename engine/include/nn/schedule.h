/* nn/schedule.h - learning-rate decay, applied per epoch.
 *
 * In the formulas t is the number of epochs finished before the one the rate
 * is used in: the first epoch has t = 0, epoch E (counting from 1) t = E - 1.
 *
 *   none     a = a0
 *   inverse  a = a0 / (1 + k t)
 *   exp      a = a0 e^(-k t)
 *   sqrt     a = k a0 / sqrt(t)            (t >= 1; t = 0 uses t = 1)
 *   step     a = a0 f^floor(t / every)
 */
#ifndef NN_SCHEDULE_H
#define NN_SCHEDULE_H

typedef enum nn_decay { NN_DECAY_NONE, NN_DECAY_INVERSE, NN_DECAY_EXP, NN_DECAY_SQRT,
                        NN_DECAY_STEP, NN_DECAY_COUNT } nn_decay;

typedef struct nn_schedule {
    nn_decay kind;
    float    rate;     /* k (default 1 for inverse/exp, 1 for sqrt) */
    int      every;    /* step: epochs between drops (default 10) */
    float    factor;   /* step: multiplier per drop (default 0.5) */
} nn_schedule;

const char *nn_decay_name(nn_decay d);
int         nn_decay_from_name(const char *name);   /* -1 if unknown */
nn_schedule nn_schedule_default(nn_decay d);
/* The rate for base rate lr0 after t finished epochs: the rate the next update uses. */
float       nn_schedule_lr(const nn_schedule *s, float lr0, int t);
/* The rate used during epoch E, counting epochs from 1 (E <= 0: the first
 * epoch's): nn_schedule_lr(s, lr0, E - 1). The one definition everywhere the
 * rate of an epoch is shown: the CSV's `lr` of row E (the state after E
 * epochs), the schedule view, a lesson's `lr`. */
float       nn_schedule_lr_during(const nn_schedule *s, float lr0, int epoch);

#endif
