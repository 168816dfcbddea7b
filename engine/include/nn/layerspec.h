/* nn/layerspec.h - a network written as one short string.
 *
 *   --layers c8k3,p2,c16k3,p2,64
 *
 * Comma-separated items, applied in order to the input:
 *   N            dense layer of N units, then the activation
 *   cFkK[sS][pP] conv2d: F filters of K x K, stride S (default 1), zero padding
 *                P (default K/2, i.e. "same" size at stride 1), then the activation
 *   pK[sS]       max-pool K x K, stride S (default K)
 *   dX           dropout: switch off a fraction X (0 <= X < 1) of the previous outputs
 * A flatten layer is inserted before the first dense item after conv/pool
 * items, and the output layer (dense, as many units as the loss needs) is
 * appended. "none" means no hidden layer. Examples:
 *   256,128          an MLP with two hidden layers
 *   c8k3,p2,c16k3,p2,64     28x28x1 -> 28x28x8 -> 14x14x8 -> 14x14x16 -> 7x7x16 -> 64 -> out
 *   c16k5s2p2,d0.25,100     strided 5x5 convolution, dropout, dense
 */
#ifndef NN_LAYERSPEC_H
#define NN_LAYERSPEC_H

#include "model.h"

/* Parse `spec` into *out for inputs of shape `in` and `n_out` outputs. act,
 * slope and init apply to every hidden layer. On error returns NN_ERR_ARG and
 * nn_last_error() names the item and what the grammar accepts. */
int nn_layerspec_parse(const char *spec, nn_shape in, int n_out, nn_act act, float slope,
                       nn_init init, nn_loss loss, nn_model_desc *out);
/* 1 if spec contains conv or pool items (it needs image-shaped input). */
int nn_layerspec_is_image(const char *spec);

#endif
