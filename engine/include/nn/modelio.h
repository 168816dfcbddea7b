/* nn/modelio.h - trained models on disk.
 *
 *     if (nn_model_save("shirt.nnm", model, &extras)) fail(nn_last_error());
 *     nn_saved_model s;
 *     if (nn_model_load("shirt.nnm", &s)) fail(nn_last_error());  // "damaged", "not a model", ...
 *     const float *z = nn_model_forward(s.model, x, 1, 0);
 *     nn_saved_model_free(&s);
 *
 * File format, version 1 (all integers little-endian, floats IEEE-754 binary32 LE):
 *
 *   offset  bytes  field
 *   0       8      magic "NNLABMDL"
 *   8       4      u32 version (1)
 *   12      4      u32 flags (0; reserved)
 *   16      12     u32 input shape c, h, w
 *   28      4      u32 loss (nn_loss)
 *   32      4      u32 n_layers (1..NN_MAX_LAYERS)
 *   36      48*L   per layer: u32 kind, i32 units, u32 init, u32 no_bias, u32 act,
 *                  f32 slope, f32 drop, f32 momentum, f32 bn_eps, i32 kernel, i32 stride, i32 pad
 *   ...     4      u32 classes (0..256), then per class: u8 length (0..63) + that many bytes (name)
 *   ...     4      u32 n_norm (0, or the input size): then f32 mean[n_norm], f32 inv_std[n_norm]
 *   ...     8      u64 n_params, then f32 params[n_params] (the model's arena: weights,
 *                  biases, batch-norm running statistics)
 *   end-4   4      u32 CRC-32 (zlib crc32) of every byte before it
 *
 * Saving writes PATH.tmp and renames it over PATH only when complete, so an
 * interrupted save never leaves a half file. Loading refuses a foreign file
 * (bad magic), a newer version, a truncated or damaged file (size or CRC), and
 * an architecture the engine cannot build, each with a one-line message.
 * Ownership: nn_saved_model owns its model and arrays; free with nn_saved_model_free.
 */
#ifndef NN_MODELIO_H
#define NN_MODELIO_H

#include "model.h"

#define NN_MODEL_FILE_VERSION 1
#define NN_MODEL_MAX_CLASSES 256
#define NN_MODEL_CLASS_NAME 64

/* What travels with the weights. Any pointer may be NULL / count 0. */
typedef struct nn_model_extras {
    const float *mean, *inv_std;      /* (n_norm) input normalisation, or NULL */
    int          n_norm;
    const char *const *class_names;   /* (classes) or NULL */
    int          classes;
} nn_model_extras;

typedef struct nn_saved_model {
    nn_model *model;
    float    *mean, *inv_std;         /* (n_norm) or NULL */
    int       n_norm;
    int       classes;
    char      class_names[NN_MODEL_MAX_CLASSES][NN_MODEL_CLASS_NAME];
} nn_saved_model;

int  nn_model_save(const char *path, nn_model *m, const nn_model_extras *extras);
int  nn_model_load(const char *path, nn_saved_model *out);
void nn_saved_model_free(nn_saved_model *s);
/* Apply the saved normalisation to x (n, n_norm) in place (no-op without one). */
void nn_saved_model_normalise(const nn_saved_model *s, float *x, int n);

#endif
