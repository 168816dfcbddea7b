/* nn/loss.h - losses over a batch of network outputs ("logits").
 *
 * Targets are one float per example for classification (the class index,
 * 0..K-1; for the binary loss 0 or 1) and `n_out` floats per example for
 * regression. Every loss is the mean over the batch.
 *
 *   softmax   p = softmax(z) computed with log-sum-exp; L = -log p[y]
 *             dL/dz = p - onehot(y)
 *   bce       sigmoid + binary cross-entropy on one output z:
 *             L = log(1 + e^z) - y z   (stable form), dL/dz = sigmoid(z) - y
 *   mse       L = mean over outputs of (z - y)^2,  dL/dz = 2 (z - y) / n_out
 */
#ifndef NN_LOSS_H
#define NN_LOSS_H

typedef enum nn_loss { NN_LOSS_SOFTMAX, NN_LOSS_BCE, NN_LOSS_MSE, NN_LOSS_COUNT } nn_loss;

const char *nn_loss_name(nn_loss l);             /* "softmax", "bce", "mse" */
int         nn_loss_from_name(const char *name); /* -1 if unknown */

/* Mean loss over `batch` rows of z (batch, n_out). If dz is not NULL it
 * receives dL/dz for the *mean* loss, i.e. already divided by batch.
 * If `correct` is not NULL it receives the number of correctly classified
 * rows (classification losses only; 0 for mse). */
double nn_loss_eval(nn_loss l, const float *z, const float *y, int batch, int n_out,
                    float *dz, int *correct);

/* Probabilities from logits, one row: softmax over n values (stable). */
void nn_softmax(const float *z, float *p, int n);
/* Predicted class of one row of logits for a classification loss. */
int  nn_loss_predict(nn_loss l, const float *z, int n_out);

#endif
