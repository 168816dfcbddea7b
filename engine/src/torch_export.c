/* torch_export.c - a run's settings as a plain PyTorch script (see nn/torch_export.h).
 *
 * The engine builds the run as nnlab-train would (data, model, trainer), so
 * the script is written from the very layers, shapes and sets nnlab trains:
 * the layer grammar, --batchnorm and --dropout are already expanded. */
#include <stdio.h>
#include <string.h>

#include "nn/file.h"
#include "nn/status.h"
#include "nn/torch_export.h"

enum { OUT_SCRIPT, OUT_MAX = 7 };   /* the script, then up to 6 data files */
static const char *const PART[3] = { "train", "dev", "test" };

typedef struct outs {
    nn_file_out f[OUT_MAX];
    int n;
} outs;

static void abort_all(outs *o)
{
    for (int i = 0; i < o->n; i++) nn_file_out_abort(&o->f[i]);
}

/* The script's path without ".py": the data files are STEM_<part>... */
static int stem_of(const char *path, char *stem, size_t len)
{
    const size_t n = strlen(path);
    if (n < 4 || strcmp(path + n - 3, ".py") != 0)
        return nn_set_error(NN_ERR_ARG, "export-torch %s: the script's name must end in .py", path);
    if (n - 3 >= len) return nn_set_error(NN_ERR_ARG, "export-torch %s: the path is too long", path);
    memcpy(stem, path, n - 3);
    stem[n - 3] = '\0';
    return NN_OK;
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

/* ---- data files ---- */

/* %.9g: every float32 value reads back exactly. */
static void write_csv(FILE *f, const nn_dataset *ds)
{
    for (int k = 0; k < ds->d; k++) fprintf(f, "x%d,", k + 1);
    if (ds->y_dim == 1) fprintf(f, "y\n");
    else for (int k = 0; k < ds->y_dim; k++) fprintf(f, "y%d%s", k + 1, k + 1 < ds->y_dim ? "," : "\n");
    for (int i = 0; i < ds->n; i++) {
        for (int k = 0; k < ds->d; k++) fprintf(f, "%.9g,", (double)ds->x[(size_t)i * ds->d + k]);
        for (int k = 0; k < ds->y_dim; k++)
            fprintf(f, "%.9g%s", (double)ds->y[(size_t)i * ds->y_dim + k], k + 1 < ds->y_dim ? "," : "\n");
    }
}

static void be32(FILE *f, unsigned v)
{
    const unsigned char b[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16),
                                 (unsigned char)(v >> 8), (unsigned char)v };
    fwrite(b, 1, 4, f);
}

/* IDX as Fashion-MNIST ships it (uncompressed): images 0x0803 n h w, labels 0x0801 n. */
static void write_idx(FILE *img, FILE *lab, const nn_dataset *ds)
{
    be32(img, 0x0803); be32(img, (unsigned)ds->n); be32(img, (unsigned)ds->shape.h);
    be32(img, (unsigned)(ds->shape.w * ds->shape.c));
    be32(lab, 0x0801); be32(lab, (unsigned)ds->n);
    for (int i = 0; i < ds->n; i++) {
        if (ds->x8) fwrite(ds->x8 + (size_t)i * ds->d, 1, (size_t)ds->d, img);
        else
            for (int k = 0; k < ds->d; k++) {
                const float v = ds->x[(size_t)i * ds->d + k] * 255.0f + 0.5f;
                fputc(v < 0 ? 0 : v > 255 ? 255 : (int)v, img);
            }
        fputc((int)ds->y[i], lab);
    }
}

/* ---- the script ---- */

static const char *act_module(const nn_layer_desc *l, char *buf, size_t n)
{
    switch (l->act) {
    case NN_ACT_RELU:    return "nn.ReLU()";
    case NN_ACT_TANH:    return "nn.Tanh()";
    case NN_ACT_SIGMOID: return "nn.Sigmoid()";
    case NN_ACT_LEAKY:   snprintf(buf, n, "nn.LeakyReLU(%.7g)", (double)l->slope); return buf;
    case NN_ACT_LINEAR:
    case NN_ACT_COUNT:   break;
    }
    return "nn.Identity()";
}

static void settings_comment(FILE *f, const nn_config *c)
{
    int n;
    const nn_setting *s = nn_config_settings(&n);
    fprintf(f, "# The nnlab settings it was exported from (nnlab-train --NAME VALUE):\n");
    for (int i = 0; i < n; i++) {
        char v[NN_CONFIG_TEXT];
        nn_config_get(c, s[i].name, v, sizeof v);
        fprintf(f, "#   %-14s %s\n", s[i].name, v);
    }
}

static void header(FILE *f, const nn_config *c, const char *script)
{
    fprintf(f,
        "#!/usr/bin/env python3\n"
        "\"\"\"%s - an nnlab run rebuilt in PyTorch (written by nnlab's \"Export as PyTorch script\").\n\n"
        "Run it with `python3 %s` (Debian: apt install python3-torch). It prints the\n"
        "same per-epoch CSV as `nnlab-train --csv` and ends with the same `final` line.\n\n"
        "What is the same: the data (the very train / dev / test sets nnlab made,\n"
        "written next to this script), the layers, activations and initialisers,\n"
        "the loss, the optimizer with its betas and eps, L2 as nnlab defines it,\n"
        "dropout, batch norm, the learning-rate schedule, the batch size, a new\n"
        "shuffle every epoch, clipping and early stopping.\n"
        "What is not bit-for-bit: PyTorch draws its own random numbers (initial\n"
        "weights, example order, dropout masks, augmentation), so the curves differ\n"
        "in detail; final accuracies agree within a few points.\n\"\"\"\n",
        script, script);
    settings_comment(f, c);
    fprintf(f, "\nimport copy\nimport csv\nimport math\nimport os\nimport struct\nimport sys\nimport time\n\n"
               "import torch\nfrom torch import nn\nimport torch.nn.functional as F\n\n"
               "HERE = os.path.dirname(os.path.abspath(__file__))\n"
               "SEED = %llu\n"
               "torch.manual_seed(SEED)          # PyTorch's own generator: not nnlab's streams\n\n",
            (unsigned long long)c->train.seed);
}

static void data_part(FILE *f, const nn_config *c, const nn_run *r, const char *stem)
{
    fprintf(f, "# ---- data ----\n");
    if (c->images.on) {
        fprintf(f,
            "# The %s images as nnlab split them (train-limit, dev-size and class-subset\n"
            "# applied, the dev images drawn from the training file by the seed), in the\n"
            "# IDX format of Fashion-MNIST. Pixels are read as value / 255, like nnlab.\n"
            "def load_idx(name):\n"
            "    with open(os.path.join(HERE, name), \"rb\") as f:\n"
            "        magic, n = struct.unpack(\">II\", f.read(8))\n"
            "        dims = struct.unpack(\">\" + \"I\" * ((magic & 0xFF) - 1), f.read(4 * ((magic & 0xFF) - 1)))\n"
            "        raw = bytearray(f.read())\n"
            "    data = torch.frombuffer(raw, dtype=torch.uint8) if raw else torch.zeros(0, dtype=torch.uint8)\n"
            "    return data.reshape(n, *dims)\n\n\n"
            "def load_set(part):\n"
            "    x = load_idx(f\"%s_{part}-images.idx\")\n"
            "    y = load_idx(f\"%s_{part}-labels.idx\")\n"
            "    return x.reshape(len(x), -1).float() / 255, y.float().reshape(-1, 1)\n\n\n",
            nn_config_data_name(c), base_name(stem), base_name(stem));
    } else {
        fprintf(f,
            "# The %s set nnlab generated from seed %llu, split %d / %d / %d, one CSV per set:\n"
            "# x columns, then the target (class index, or the regression values).\n"
            "def load_set(part):\n"
            "    with open(os.path.join(HERE, f\"%s_{part}.csv\"), newline=\"\") as f:\n"
            "        rows = list(csv.reader(f))\n"
            "    n_x = sum(1 for h in rows[0] if h.startswith(\"x\"))\n"
            "    rows = rows[1:]\n"
            "    x = torch.tensor([[float(v) for v in r[:n_x]] for r in rows], dtype=torch.float32)\n"
            "    y = torch.tensor([[float(v) for v in r[n_x:]] for r in rows], dtype=torch.float32)\n"
            "    return x.reshape(len(rows), n_x), y.reshape(len(rows), -1)\n\n\n",
            nn_config_data_name(c), (unsigned long long)c->data.seed, r->train.n, r->dev.n, r->test.n,
            base_name(stem));
    }
    fprintf(f, "train_x, train_y = load_set(\"train\")\n"
               "dev_x, dev_y = load_set(\"dev\")\n"
               "test_x, test_y = load_set(\"test\")\n\n");
    if (c->train.normalize)
        fprintf(f,
            "# Normalisation: each input's mean and standard deviation from the TRAINING set only,\n"
            "# applied to every set (a constant input is centred but not scaled).\n"
            "mean = train_x.mean(0)\n"
            "var = train_x.var(0, unbiased=False)\n"
            "inv_std = torch.where(var > 1e-12, 1 / var.sqrt(), torch.ones_like(var))\n\n\n"
            "def normalise(x):\n"
            "    return (x - mean) * inv_std\n\n\n");
    else
        fprintf(f, "# No input normalisation (normalize is off).\n"
                   "def normalise(x):\n    return x\n\n\n");
}

static void model_part(FILE *f, nn_model *m)
{
    const nn_model_desc *d = nn_model_get_desc(m);
    const int L = nn_model_layer_count(m);
    fprintf(f, "# ---- the network ----\n"
               "# nnlab's initialisers (nn/init.h); every bias starts at zero.\n"
               "def init_weight(w, scheme, fan_in, fan_out):\n"
               "    with torch.no_grad():\n"
               "        if scheme == \"zeros\":\n"
               "            w.zero_()                        # symmetry is never broken\n"
               "        elif scheme == \"small\":\n"
               "            w.uniform_(-0.01, 0.01)          # U(-1, 1) * 0.01\n"
               "        else:\n"
               "            std = {\"xavier\": math.sqrt(1 / fan_in),            # N(0, 1/n_in)\n"
               "                   \"glorot\": math.sqrt(2 / (fan_in + fan_out)),  # N(0, 2/(n_in+n_out))\n"
               "                   \"he\": math.sqrt(2 / fan_in),                # N(0, 2/n_in)\n"
               "                   \"large\": 1.0}[scheme]                       # N(0, 1): too large on purpose\n"
               "            w.normal_(0.0, std)\n\n\n"
               "model = nn.Sequential(\n");
    int idx = 0, have_weights[NN_MAX_LAYERS] = { 0 };
    const nn_shape in = d->in;
    if (L > 0 && (in.h > 1 || in.w > 1) && d->layers[0].kind != NN_LAYER_DENSE &&
        d->layers[0].kind != NN_LAYER_FLATTEN) {
        fprintf(f, "    nn.Unflatten(1, (%d, %d, %d)),   # %d: rows of pixels -> (channels, height, width)\n",
                in.c, in.h, in.w, idx);
        idx++;
    }
    for (int i = 0; i < L; i++) {
        const nn_layer_info li = nn_model_layer(m, i);
        const nn_layer_desc *l = &d->layers[i];
        const int n_in = li.in.c * li.in.h * li.in.w;
        char buf[64];
        have_weights[i] = -1;
        switch (l->kind) {
        case NN_LAYER_DENSE:
            fprintf(f, "    nn.Linear(%d, %d%s),   # %d: dense, %s init\n", n_in, l->units,
                    l->no_bias ? ", bias=False" : "", idx, nn_init_name(l->init));
            have_weights[i] = idx;
            break;
        case NN_LAYER_ACT:
            fprintf(f, "    %s,   # %d\n", act_module(l, buf, sizeof buf), idx);
            break;
        case NN_LAYER_DROPOUT:
            fprintf(f, "    nn.Dropout(%.7g),   # %d: inverted dropout, drops %.7g of the units while training\n",
                    (double)l->drop, idx, (double)l->drop);
            break;
        case NN_LAYER_BATCHNORM:
            /* nnlab: running = m running + (1 - m) batch; PyTorch: running = (1 - p) running + p batch. */
            fprintf(f, "    # batch norm: PyTorch's running variance averages the unbiased (n - 1) batch variance,\n"
                       "    # nnlab's the biased (n) one - a tiny difference at evaluation\n");
            fprintf(f, "    nn.BatchNorm1d(%d, eps=%.7g, momentum=%.7g),   # %d: nnlab's momentum %.7g "
                       "is PyTorch's 1 - %.7g\n", n_in, (double)l->bn_eps, 1.0 - (double)l->momentum, idx,
                    (double)l->momentum, (double)l->momentum);
            break;
        case NN_LAYER_CONV2D:
            fprintf(f, "    nn.Conv2d(%d, %d, kernel_size=%d, stride=%d, padding=%d%s),   # %d: %s init\n",
                    li.in.c, l->units, l->kernel, l->stride, l->pad, l->no_bias ? ", bias=False" : "", idx,
                    nn_init_name(l->init));
            have_weights[i] = idx;
            break;
        case NN_LAYER_MAXPOOL:
            fprintf(f, "    nn.MaxPool2d(kernel_size=%d, stride=%d),   # %d\n", l->kernel,
                    l->stride > 0 ? l->stride : l->kernel, idx);
            break;
        case NN_LAYER_FLATTEN:
            fprintf(f, "    nn.Flatten(),   # %d: (channels, height, width) -> features\n", idx);
            break;
        case NN_LAYER_COUNT:
            break;
        }
        idx++;
    }
    fprintf(f, ")\n");
    for (int i = 0; i < L; i++) {
        if (have_weights[i] < 0) continue;
        const nn_layer_info li = nn_model_layer(m, i);
        const nn_layer_desc *l = &d->layers[i];
        const int fan_in = l->kind == NN_LAYER_CONV2D ? li.in.c * l->kernel * l->kernel : li.in.c * li.in.h * li.in.w;
        const int fan_out = l->kind == NN_LAYER_CONV2D ? l->units * l->kernel * l->kernel : l->units;
        fprintf(f, "init_weight(model[%d].weight, \"%s\", %d, %d)\n", have_weights[i],
                nn_init_name(l->init), fan_in, fan_out);
        if (!l->no_bias) fprintf(f, "nn.init.zeros_(model[%d].bias)\n", have_weights[i]);
    }
    fprintf(f, "# The weights L2 decays: those of dense and conv layers, not biases or batch norm.\n"
               "decayed = [");
    int first = 1;
    for (int i = 0; i < L; i++)
        if (have_weights[i] >= 0) { fprintf(f, "%smodel[%d].weight", first ? "" : ", ", have_weights[i]); first = 0; }
    fprintf(f, "]\n\n");
}

static void loss_part(FILE *f, const nn_config *c, nn_loss loss)
{
    fprintf(f, "# ---- loss, L2 ----\n");
    if (loss == NN_LOSS_SOFTMAX)
        fprintf(f, "# softmax + cross-entropy on the logits, mean over the batch\n"
                   "loss_fn = nn.CrossEntropyLoss()\n"
                   "CLASSIFICATION = True\n\n\n"
                   "def target(y):\n    return y[:, 0].long()\n\n\n"
                   "def n_correct(z, y):\n    return (z.argmax(1) == y[:, 0].long()).sum().item()\n\n\n");
    else if (loss == NN_LOSS_BCE)
        fprintf(f, "# sigmoid + binary cross-entropy on one output, mean over the batch\n"
                   "loss_fn = nn.BCEWithLogitsLoss()\n"
                   "CLASSIFICATION = True\n\n\n"
                   "def target(y):\n    return y\n\n\n"
                   "def n_correct(z, y):\n    return ((z[:, 0] > 0) == (y[:, 0] > 0.5)).sum().item()\n\n\n");
    else
        fprintf(f, "# mean squared error: mean over the batch and the outputs\n"
                   "loss_fn = nn.MSELoss()\n"
                   "CLASSIFICATION = False\n\n\n"
                   "def target(y):\n    return y\n\n\n"
                   "def n_correct(z, y):\n    return 0\n\n\n");
    fprintf(f,
        "# L2 as nnlab defines it: cost += lambda / (2 m) * sum of squared weights, m = the\n"
        "# training-set size (not the batch). Adding it to the loss gives each weight the\n"
        "# gradient lambda / m * w. (PyTorch's weight_decay=wd adds wd * w instead, and to the\n"
        "# biases too: wd = lambda / m on the weights alone would be the same thing.)\n"
        "L2 = %.7g\n"
        "M = len(train_x)\n\n\n"
        "def l2_penalty():\n"
        "    return L2 / (2 * M) * sum((w ** 2).sum() for w in decayed)\n\n\n", (double)c->train.l2);
}

static void optim_part(FILE *f, const nn_config *c)
{
    const nn_optim_desc *o = &c->train.optim;
    const double lr = c->train.lr, b = o->beta, b2 = o->beta2, eps = o->eps;
    fprintf(f, "# ---- optimizer and learning-rate schedule ----\nLR = %.7g\n", lr);
    switch (o->kind) {
    case NN_OPT_SGD:
        fprintf(f, "optimizer = torch.optim.SGD(model.parameters(), lr=LR)   # w -= lr g\n");
        break;
    case NN_OPT_MOMENTUM:
        fprintf(f, "# nnlab: v = b v + (1 - b) g; w -= lr v. PyTorch's dampening=b gives the same\n"
                   "# average, except that its first step starts the velocity at g (nnlab: (1 - b) g).\n"
                   "optimizer = torch.optim.SGD(model.parameters(), lr=LR, momentum=%.7g, dampening=%.7g)\n",
                b, b);
        break;
    case NN_OPT_RMSPROP:
        fprintf(f, "# s = b s + (1 - b) g^2; w -= lr g / (sqrt(s) + eps)\n"
                   "optimizer = torch.optim.RMSprop(model.parameters(), lr=LR, alpha=%.7g, eps=%.7g)\n", b, eps);
        break;
    case NN_OPT_ADAGRAD:
        fprintf(f, "# G += g^2; w -= lr g / (sqrt(G) + eps)\n"
                   "optimizer = torch.optim.Adagrad(model.parameters(), lr=LR, eps=%.7g)\n", eps);
        break;
    case NN_OPT_ADAM:
        if (o->bias_correction)
            fprintf(f, "# Adam with bias correction (Kingma & Ba 2015, Algorithm 1), as nnlab's\n"
                       "optimizer = torch.optim.Adam(model.parameters(), lr=LR, betas=(%.7g, %.7g), eps=%.7g)\n",
                    b, b2, eps);
        else
            fprintf(f,
                "# Adam WITHOUT bias correction (nnlab's bias-correction off): torch.optim.Adam\n"
                "# always corrects, so here it is by hand.\n"
                "class AdamNoBiasCorrection(torch.optim.Optimizer):\n"
                "    def __init__(self, params, lr, betas, eps):\n"
                "        super().__init__(params, dict(lr=lr, betas=betas, eps=eps))\n\n"
                "    @torch.no_grad()\n"
                "    def step(self):\n"
                "        for group in self.param_groups:\n"
                "            b1, b2 = group[\"betas\"]\n"
                "            for p in group[\"params\"]:\n"
                "                if p.grad is None:\n"
                "                    continue\n"
                "                st = self.state[p]\n"
                "                if not st:\n"
                "                    st[\"v\"], st[\"s\"] = torch.zeros_like(p), torch.zeros_like(p)\n"
                "                st[\"v\"].mul_(b1).add_(p.grad, alpha=1 - b1)            # v = b1 v + (1-b1) g\n"
                "                st[\"s\"].mul_(b2).addcmul_(p.grad, p.grad, value=1 - b2)  # s = b2 s + (1-b2) g^2\n"
                "                p.addcdiv_(st[\"v\"], st[\"s\"].sqrt().add_(group[\"eps\"]), value=-group[\"lr\"])\n\n\n"
                "optimizer = AdamNoBiasCorrection(model.parameters(), lr=LR, betas=(%.7g, %.7g), eps=%.7g)\n",
                b, b2, eps);
        break;
    case NN_OPT_COUNT:
        break;
    }
    const nn_schedule *s = &c->train.decay;
    fprintf(f, "\n\ndef lr_during(epoch):\n"
               "    \"\"\"The rate used in epoch `epoch` (from 1); t = epochs finished before it.\"\"\"\n"
               "    t = max(epoch - 1, 0)\n");
    switch (s->kind) {
    case NN_DECAY_INVERSE: fprintf(f, "    return LR / (1 + %.7g * t)   # inverse decay\n", (double)s->rate); break;
    case NN_DECAY_EXP:     fprintf(f, "    return LR * math.exp(-%.7g * t)   # exponential decay\n", (double)s->rate); break;
    case NN_DECAY_SQRT:    fprintf(f, "    return %.7g * LR / math.sqrt(max(t, 1))   # k / sqrt(t) decay\n", (double)s->rate); break;
    case NN_DECAY_STEP:
        fprintf(f, "    return LR * %.7g ** (t // %d)   # step decay\n", (double)s->factor, s->every > 0 ? s->every : 1);
        break;
    case NN_DECAY_NONE:
    case NN_DECAY_COUNT:   fprintf(f, "    return LR   # no decay\n"); break;
    }
    fprintf(f, "\n\n");
}

static void augment_part(FILE *f, const nn_config *c, nn_shape sh)
{
    const nn_augment_desc *a = &c->train.augment;
    if (!nn_augment_active(a)) {
        fprintf(f, "def augment(x):\n    return x   # no augmentation\n\n\n");
        return;
    }
#define ON(k) (a->amount[k] > 0.0f && a->prob[k] > 0.0f)
    fprintf(f, "# ---- augmentation of each training batch (before normalisation), in plain torch ----\n"
               "# Same transforms and ranges as nnlab (nn/augment.h); each applies to an image with\n"
               "# its probability. Geometric ones are one affine map, resampled bilinearly with\n"
               "# black outside (F.affine_grid + F.grid_sample).\n");
    if (ON(NN_AUG_CROP))
        fprintf(f, "# LEFT OUT: crop=%.7g (nnlab's random crop stretched back to full size); the run\n"
                   "# here is trained without it.\n", (double)a->amount[NN_AUG_CROP]);
    fprintf(f, "def chance(n, p):\n    return torch.rand(n) < p\n\n\n"
               "def uniform(n, r):\n    return (torch.rand(n) * 2 - 1) * r\n\n\n"
               "def augment(x):\n"
               "    n = len(x)\n"
               "    img = x.reshape(n, %d, %d, %d)\n", sh.c, sh.h, sh.w);
    const int geo = ON(NN_AUG_ROTATE) || ON(NN_AUG_SCALE) || ON(NN_AUG_SHIFT) || ON(NN_AUG_FLIP_H) || ON(NN_AUG_FLIP_V);
    if (geo) {
        fprintf(f, "    ang = torch.zeros(n)\n    zoom = torch.ones(n)\n    dx = torch.zeros(n)\n    dy = torch.zeros(n)\n"
                   "    fx = torch.ones(n)\n    fy = torch.ones(n)\n");
        if (ON(NN_AUG_ROTATE))
            fprintf(f, "    ang = torch.where(chance(n, %.7g), uniform(n, %.7g * math.pi / 180), ang)   # rotate\n",
                    (double)a->prob[NN_AUG_ROTATE], (double)a->amount[NN_AUG_ROTATE]);
        if (ON(NN_AUG_SCALE))
            fprintf(f, "    zoom = torch.where(chance(n, %.7g), 1 + uniform(n, %.7g), zoom)   # scale\n",
                    (double)a->prob[NN_AUG_SCALE], (double)a->amount[NN_AUG_SCALE]);
        if (ON(NN_AUG_SHIFT))
            fprintf(f, "    on = chance(n, %.7g)   # shift, in pixels\n"
                       "    dx = torch.where(on, uniform(n, %.7g), dx)\n"
                       "    dy = torch.where(on, uniform(n, %.7g), dy)\n",
                    (double)a->prob[NN_AUG_SHIFT], (double)a->amount[NN_AUG_SHIFT], (double)a->amount[NN_AUG_SHIFT]);
        if (ON(NN_AUG_FLIP_H))
            fprintf(f, "    fx = torch.where(chance(n, %.7g), -fx, fx)   # flip-h\n", (double)a->prob[NN_AUG_FLIP_H]);
        if (ON(NN_AUG_FLIP_V))
            fprintf(f, "    fy = torch.where(chance(n, %.7g), -fy, fy)   # flip-v\n", (double)a->prob[NN_AUG_FLIP_V]);
        fprintf(f, "    # output pixel -> source position: undo the shift, then rotation and zoom, then flip\n"
                   "    cos, sin = torch.cos(ang) / zoom, torch.sin(ang) / zoom\n"
                   "    tx, ty = -2 * dx / %d, -2 * dy / %d\n"
                   "    theta = torch.stack([torch.stack([fx * cos, fx * sin, fx * (cos * tx + sin * ty)], 1),\n"
                   "                         torch.stack([-fy * sin, fy * cos, fy * (-sin * tx + cos * ty)], 1)], 1)\n"
                   "    grid = F.affine_grid(theta, list(img.shape), align_corners=False)\n"
                   "    img = F.grid_sample(img, grid, mode=\"bilinear\", padding_mode=\"zeros\", align_corners=False)\n",
                sh.w, sh.h);
    }
    if (ON(NN_AUG_CUTOUT))
        fprintf(f, "    # cutout: a %gx%g black square centred anywhere in the image\n"
                   "    half = %.7g / 2\n"
                   "    cy, cx = torch.rand(n) * %d, torch.rand(n) * %d\n"
                   "    yy = torch.arange(%d).view(1, -1, 1) + 0.5\n"
                   "    xx = torch.arange(%d).view(1, 1, -1) + 0.5\n"
                   "    box = ((yy - cy.view(-1, 1, 1)).abs() < half) & ((xx - cx.view(-1, 1, 1)).abs() < half)\n"
                   "    box &= chance(n, %.7g).view(-1, 1, 1)\n"
                   "    img = img.masked_fill(box.unsqueeze(1), 0.0)\n",
                (double)a->amount[NN_AUG_CUTOUT], (double)a->amount[NN_AUG_CUTOUT], (double)a->amount[NN_AUG_CUTOUT],
                sh.h, sh.w, sh.h, sh.w, (double)a->prob[NN_AUG_CUTOUT]);
    if (ON(NN_AUG_INVERT))
        fprintf(f, "    img = torch.where(chance(n, %.7g).view(-1, 1, 1, 1), 1 - img, img)   # invert\n",
                (double)a->prob[NN_AUG_INVERT]);
    if (ON(NN_AUG_INTENSITY))
        fprintf(f, "    k = torch.where(chance(n, %.7g), 1 + uniform(n, %.7g), torch.ones(n))   # intensity\n"
                   "    img = (img * k.view(-1, 1, 1, 1)).clamp(0, 1)\n",
                (double)a->prob[NN_AUG_INTENSITY], (double)a->amount[NN_AUG_INTENSITY]);
#undef ON
    fprintf(f, "    return img.reshape(n, -1)\n\n\n");
}

static void train_part(FILE *f, const nn_config *c)
{
    fprintf(f,
        "# ---- evaluation: loss and accuracy of a whole set, in evaluation mode ----\n"
        "@torch.no_grad()\n"
        "def evaluate(x, y, with_penalty=False):\n"
        "    if len(x) == 0:\n"
        "        return None, None                      # an empty set: empty CSV cells\n"
        "    model.eval()                               # dropout off, batch norm's running averages\n"
        "    total, correct = 0.0, 0\n"
        "    for i in range(0, len(x), 1000):\n"
        "        z = model(normalise(x[i:i + 1000]))\n"
        "        total += loss_fn(z, target(y[i:i + 1000])).item() * len(z)\n"
        "        correct += n_correct(z, y[i:i + 1000])\n"
        "    loss = total / len(x) + (l2_penalty().item() if with_penalty and L2 > 0 else 0.0)\n"
        "    return loss, (correct / len(x) if CLASSIFICATION else None)\n\n\n"
        "def cell(v):\n"
        "    return \"\" if v is None else f\"{v:.6f}\"\n\n\n"
        "def record(epoch, steps, examples, seconds):\n"
        "    \"\"\"One row of nnlab-train's CSV: the state after `epoch` epochs.\"\"\"\n"
        "    tl, ta = evaluate(train_x, train_y, with_penalty=True)   # train loss includes L2\n"
        "    dl, da = evaluate(dev_x, dev_y)\n"
        "    sl, sa = evaluate(test_x, test_y)\n"
        "    print(f\"{epoch},{steps},{examples},{lr_during(epoch):.6g},{cell(tl)},{cell(ta)},\"\n"
        "          f\"{cell(dl)},{cell(da)},{cell(sl)},{cell(sa)},{seconds:.4f}\", flush=True)\n"
        "    return dict(train_loss=tl, train_acc=ta, dev_loss=dl, dev_acc=da, test_acc=sa)\n\n\n"
        "# ---- training ----\n"
        "EPOCHS = %d\n"
        "BATCH = %d or len(train_x)          # 0 in nnlab = the whole training set\n"
        "CLIP = %.7g                         # clip the global gradient norm; 0 = off\n"
        "PATIENCE = %d                       # early stopping on the dev loss; 0 = off\n"
        "order_rng = torch.Generator().manual_seed(SEED)\n\n"
        "print(\"epoch,steps,examples,lr,train_loss,train_acc,dev_loss,dev_acc,test_loss,test_acc,seconds\")\n"
        "steps = examples = 0\n"
        "seconds = 0.0\n"
        "history = [record(0, 0, 0, 0.0)]\n"
        "best_epoch, best_dev = 0, history[0][\"dev_loss\"]\n"
        "best_state = copy.deepcopy(model.state_dict()) if PATIENCE > 0 else None\n"
        "stopped = False\n"
        "epoch = 0\n"
        "while epoch < EPOCHS and not stopped:\n"
        "    start = time.perf_counter()\n"
        "    for group in optimizer.param_groups:\n"
        "        group[\"lr\"] = lr_during(epoch + 1)\n"
        "    model.train()                              # dropout on, batch statistics\n"
        "    order = torch.randperm(len(train_x), generator=order_rng)   # a new order every epoch\n"
        "    for first in range(0, len(train_x), BATCH):\n"
        "        idx = order[first:first + BATCH]\n"
        "        xb, yb = augment(train_x[idx]), train_y[idx]\n"
        "        z = model(normalise(xb))\n"
        "        loss = loss_fn(z, target(yb))\n"
        "        if L2 > 0:\n"
        "            loss = loss + l2_penalty()\n"
        "        if not torch.isfinite(loss):\n"
        "            print(f\"training diverged at epoch {epoch + 1}, step {steps + 1}: the loss is not finite\",\n"
        "                  file=sys.stderr)\n"
        "            sys.exit(3)\n"
        "        optimizer.zero_grad()\n"
        "        loss.backward()\n"
        "        if CLIP > 0:\n"
        "            nn.utils.clip_grad_norm_(model.parameters(), CLIP)\n"
        "        optimizer.step()\n"
        "        steps += 1\n"
        "        examples += len(idx)\n"
        "    epoch += 1\n"
        "    seconds += time.perf_counter() - start\n"
        "    history.append(record(epoch, steps, examples, seconds))\n"
        "    if PATIENCE > 0:                           # keep the best dev weights; stop when patience runs out\n"
        "        if history[-1][\"dev_loss\"] < best_dev:\n"
        "            best_epoch, best_dev = epoch, history[-1][\"dev_loss\"]\n"
        "            best_state = copy.deepcopy(model.state_dict())\n"
        "        elif epoch - best_epoch >= PATIENCE:\n"
        "            model.load_state_dict(best_state)\n"
        "            stopped = True\n"
        "            print(f\"early stop after epoch {epoch}: dev loss has not improved for {PATIENCE} epochs; \"\n"
        "                  f\"restored the weights of epoch {best_epoch}\", file=sys.stderr)\n\n"
        "fin = history[best_epoch] if stopped else history[-1]\n\n\n"
        "def fmt(v, digits):\n"
        "    return \"\" if v is None else f\"{v:.{digits}f}\"\n\n\n"
        "line = (f\"final epoch={epoch} train_loss={fmt(fin['train_loss'], 6)} train_acc={fmt(fin['train_acc'], 4)} \"\n"
        "        f\"dev_loss={fmt(fin['dev_loss'], 6)} dev_acc={fmt(fin['dev_acc'], 4)} \"\n"
        "        f\"test_acc={fmt(fin['test_acc'], 4)} seconds={seconds:.3f} train_eval=all\")\n"
        "if PATIENCE > 0:\n"
        "    line += f\" best_epoch={best_epoch}\"\n"
        "print(line)\n",
        c->epochs, c->train.batch, (double)c->train.clip, c->train.early_stop);
}

static int open_out(outs *o, const char *path)
{
    if (nn_file_out_open(&o->f[o->n], path)) return NN_ERR_IO;
    o->n++;
    return NN_OK;
}

static void listed(char *w, size_t len, const char *path)
{
    if (!w || !len) return;
    const size_t n = strlen(w);
    snprintf(w + n, len - n, "%s%s", n ? ", " : "", path);
}

int nn_torch_export(const nn_config *c, const char *path, char *written, size_t len)
{
    if (written && len) written[0] = '\0';
    char stem[4096], name[4200];
    if (!path || stem_of(path, stem, sizeof stem)) return path ? NN_ERR_ARG : nn_set_error(NN_ERR_ARG, "export-torch: no path");
    nn_run r;
    const int rc_open = nn_run_open(&r, c);
    if (rc_open) return rc_open;
    outs o = { .n = 0 };
    int rc = open_out(&o, path);
    for (int s = 0; s < 3 && !rc; s++) {
        const nn_dataset *ds = s == 0 ? &r.train : s == 1 ? &r.dev : &r.test;
        if (c->images.on) {
            snprintf(name, sizeof name, "%s_%s-images.idx", stem, PART[s]);
            if (!(rc = open_out(&o, name))) {
                snprintf(name, sizeof name, "%s_%s-labels.idx", stem, PART[s]);
                if (!(rc = open_out(&o, name))) write_idx(o.f[o.n - 2].f, o.f[o.n - 1].f, ds);
            }
        } else {
            snprintf(name, sizeof name, "%s_%s.csv", stem, PART[s]);
            if (!(rc = open_out(&o, name))) write_csv(o.f[o.n - 1].f, ds);
        }
    }
    if (!rc) {
        FILE *f = o.f[OUT_SCRIPT].f;
        nn_model *m = nn_trainer_model(r.trainer);
        header(f, c, base_name(path));
        data_part(f, c, &r, stem);
        model_part(f, m);
        loss_part(f, c, nn_model_get_desc(m)->loss);
        optim_part(f, c);
        augment_part(f, c, r.train.shape);
        train_part(f, c);
    }
    /* Commit only when every file is complete; the script last. */
    for (int i = o.n - 1; i >= 0 && !rc; i--) {
        if ((rc = nn_file_out_commit(&o.f[i]))) {
            for (int j = i + 1; j < o.n; j++) remove(o.f[j].path);
            break;
        }
    }
    if (rc) abort_all(&o);
    else for (int i = 0; i < o.n; i++) listed(written, len, o.f[i].path);
    nn_run_close(&r);
    return rc;
}
