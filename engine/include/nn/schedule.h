/* nn/schedule.h - learning-rate decay, applied per epoch (epoch counts from 0).
 *
 *   none     a = a0
 *   inverse  a = a0 / (1 + k epoch)
 *   exp      a = a0 e^(-k epoch)
 *   sqrt     a = k a0 / sqrt(epoch)        (epoch >= 1; epoch 0 uses epoch 1)
 *   step     a = a0 f^floor(epoch / every)
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
/* The learning rate in force during `epoch` for base rate lr0. */
float       nn_schedule_lr(const nn_schedule *s, float lr0, int epoch);

#endif
