# ---
# jupyter:
#   jupytext:
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # A network built for the job
#
# [Chapter 5](05_measuring_denoising.ipynb) measured the article's denoiser against five
# classical methods and found it losing to three of them on PSNR, because of its
# bottleneck. This chapter removes the bottleneck: a small network built to remove noise
# beats every classical method on the same test digits. Then it turns the noise up and
# down, which none of the models was trained for, and trains one model for every level.

# %%
try:
    import lib  # first: it keeps TensorFlow's start-up log off the page (see lib/__init__.py)
except ModuleNotFoundError:  # on Colab: install the course's helpers and BM3D, then import them
    # %pip install --quiet --no-deps git+https://github.com/autoencoder-course/autoencoder-course@v0.1.0
    # %pip install --quiet bm3d==4.0.3 bm4d==4.2.5
    import lib

# %%
import keras
import numpy as np
from keras import layers

from lib import recipes
from lib.cache import fit_or_load
from lib.classical import METHODS, non_local_means, score_all, tune_all
from lib.data import load_fashion_mnist, mnist_splits, scale_to_unit
from lib.metrics import per_image_psnr
from lib.noise import undo_clipping_bias
from lib.plots import plot_psnr_by_sigma, plot_scores
from lib.scoreboard import Scoreboard, predict_images, score_model
from lib.training import set_seed

# %% [markdown]
# ## Where chapter 5 left off
#
# The same digits, noise, settings and scores as chapter 5: the classical methods tuned on
# the first 200 validation images (each method's mean PSNR for every setting tried, and
# the one chosen), then scored on the test images, BM3D {cite:p}`dabov2007,makinen2020` on
# its subset of 1,000; then the two autoencoders, from the model cache. The classical
# methods' outputs have a cache too (`lib.result_cache`): once chapter 5 has computed them,
# this takes seconds, not minutes, and prints the same lines.

# %%
splits = mnist_splits()
x_train, x_valid, x_test = (images[..., np.newaxis] for images in (splits.x_train, splits.x_valid, splits.x_test))
sigma = recipes.SIGMA  # 0.2
x_train_noisy, x_valid_noisy, x_test_noisy = recipes.noisy_splits(x_train, x_valid, x_test)
settings = tune_all(x_valid_noisy[:200], x_valid[:200], sigma)

# %%
board = Scoreboard(x_test)
board.add("noisy input", x_test_noisy)
subset = np.random.default_rng(0).permutation(len(x_test))[:1000]
denoised = score_all(board, x_test_noisy, settings, sigma, bm3d_indices=subset)
denoiser, denoiser_history = recipes.train(recipes.denoiser())
(dense, _, _), dense_history = recipes.train(recipes.dense_denoiser())
for name, model, history in (("article's conv autoencoder", denoiser, denoiser_history),
                             ("dense autoencoder", dense, dense_history)):
    denoised[name] = score_model(board, name, model, x_test_noisy, history)

# %% [markdown]
# ## A small DnCNN
#
# The network below has no bottleneck: every layer keeps the full 28 × 28 resolution.
# And it does not rebuild the image at all: it estimates the *noise* and subtracts it from
# its input. A network that learns the difference between its input and the answer, instead
# of the answer itself, is called *residual*: finding what does not belong is easier
# than redrawing what does, and a clean region passes straight through. This is the idea
# of DnCNN {cite:p}`zhang2017`; ours is a small version: five 3 × 3 convolutions of 16
# filters, a sixth with a single filter that estimates the noise, and a final ReLU capped
# at 1 that clips the result to [0, 1]. The original DnCNN also has *batch
# normalisation* after each convolution: a layer that rescales its inputs, over each
# batch of images, to mean 0 and variance 1 (then scales and shifts them by two learned
# numbers per filter), which keeps a deep network's training stable; with only six layers
# ours trains well without it. It is trained on the squared error for only 3 epochs; its
# layers all work at full resolution, so each epoch takes much longer than the article's
# network's (the table of costs below shows by how much), but three are enough.

# %%
def small_dncnn(name):
    inputs = keras.Input(shape=(28, 28, 1))
    x = inputs
    for _ in range(5):
        x = layers.Conv2D(16, 3, padding="same", activation="relu")(x)
    noise = layers.Conv2D(1, 3, padding="same")(x)  # the estimated noise, any sign
    outputs = layers.ReLU(max_value=1.0)(layers.Subtract()([inputs, noise]))
    model = keras.Model(inputs, outputs, name=name)
    model.compile(optimizer="adam", loss="mean_squared_error")
    return model


set_seed(0)
dncnn = small_dncnn("dncnn")
print(f"parameters: {dncnn.count_params():,} (the article's autoencoder: {denoiser.count_params():,})")
dncnn_history = fit_or_load(dncnn, x_train_noisy, x_train, epochs=3, batch_size=128,
                            validation_data=(x_valid_noisy, x_valid))
denoised["small DnCNN"] = score_model(board, "small DnCNN", dncnn, x_test_noisy, dncnn_history)

# %% [markdown]
# Later chapters reuse this network through `lib.models.small_dncnn()` and its training
# through `lib.recipes.small_dncnn()`. The check that the recipe is exactly the training
# above (architecture, initial weights, data and settings; it trains nothing):

# %%
recipes.check(recipes.small_dncnn(), dncnn_history)

# %% [markdown]
# ## All of them side by side
#
# The same scores as above, with the size and cost of each method. The timings were
# measured on the machine that ran this page (two CPU cores when it is built for the
# site) and change from run to run; "ms/image" is wall-clock time per image, denoising
# the whole batch.

# %% tags=["nbval-ignore-output", "timings"]
print(board.table())

# %% mystnb={"figure": {"caption": "Mean PSNR and SSIM of every method on the noisy test digits (\u03c3 = 0.2); the whiskers span one standard deviation over the images. Learned models in orange.", "name": "fig-scores"}, "image": {"alt": "Two bar charts; the small DnCNN is clearly best on both scores; on PSNR BM3D and non-local means come next, on SSIM BM3D and the article's autoencoder."}}
plot_scores(board.values())

# %% [markdown]
# The target we set ourselves: the small DnCNN must beat every tuned classical method on
# both scores, and the best of them by at least 1 dB of PSNR. Each comparison uses the
# images both methods were scored on.

# %%
for name in METHODS:
    indices = board[name].indices
    psnr_gain = board.mean("small DnCNN", "psnr", indices) - board.mean(name, "psnr")
    ssim_gain = board.mean("small DnCNN", "ssim", indices) - board.mean(name, "ssim")
    print(f"small DnCNN vs {name:16} PSNR {psnr_gain:+.2f} dB   SSIM {ssim_gain:+.3f}")
    assert psnr_gain >= 1.0 and ssim_gain > 0, f"the small DnCNN does not clearly beat {name}"

# %% [markdown]
# ## Turning the noise up and down
#
# Every model so far was trained at σ = 0.2. What happens at other noise levels? Below,
# 100 test images (the first 100 of BM3D's subset) get noise from σ = 0.05 to 0.5, drawn
# with the same seed as before, so at σ = 0.2 they are the very images scored above.
# Total variation, non-local means and BM3D are told the true σ: their settings are the
# multiples of σ chosen above, and the bias correction uses the true σ too. The learned
# models are told nothing.

# %%
sigmas = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5]
sweep = subset[:100]
noisy_by_sigma = {level: recipes.noisy(x_test, "test", sigma=level)[sweep] for level in sigmas}
models = {"article's conv autoencoder": denoiser, "dense autoencoder": dense, "small DnCNN": dncnn}


def psnr_by_sigma(restore):
    """Mean PSNR over the sweep images at every noise level; ``restore(noisy, level)``."""
    return [per_image_psnr(restore(noisy_by_sigma[level], level), x_test[sweep]).mean() for level in sigmas]


curves = {"noisy input": psnr_by_sigma(lambda noisy, level: noisy)}
for name in ("total variation", "non-local means", "BM3D"):
    denoise = METHODS[name][0]
    curves[name] = psnr_by_sigma(lambda noisy, level: undo_clipping_bias(denoise(noisy, settings[name], level), level))
for name, model in models.items():
    curves[name] = psnr_by_sigma(lambda noisy, level: predict_images(model, noisy))


def print_curves(curves):
    print(f"{'mean PSNR (dB) at σ =':28}" + "".join(f"{level:>7}" for level in sigmas))
    for name, values in curves.items():
        print(f"{name:28}" + "".join(f"{value:7.2f}" for value in values))


print_curves(curves)

# %% mystnb={"figure": {"caption": "Mean PSNR on 100 test digits against the noise level. The classical methods are told \u03c3; the learned models were trained at \u03c3 = 0.2 only.", "name": "fig-sweep"}, "image": {"alt": "PSNR curves falling with the noise level; the two autoencoders stay at or below about 20 dB, under the noisy input at light noise; the DnCNN leads from 0.1 to 0.3 and BM3D at both ends."}}
plot_psnr_by_sigma(sigmas, curves, trained_at=0.2)

# %% [markdown]
# The learned models are specialists. The two autoencoders cannot do better than about
# 20 dB at any noise level, their bottleneck's ceiling, so under light noise they make the
# image *worse* than it was. The DnCNN has no such ceiling and leads from σ = 0.1 to 0.3,
# but it smooths light noise as if it were strong, losing to BM3D at 0.05, and above 0.3
# it leaves much of the noise in. BM3D and total variation, told σ, degrade gracefully.
# Non-local means falls apart above 0.3: the multiple of σ chosen at 0.2 does not carry
# over to heavy, strongly clipped noise.
#
# ## One model for every noise level
#
# The remedy is in the data: train the same small DnCNN on images whose noise level is
# itself random, a different σ between 0 and 0.5 for each image, drawn once with a fixed
# seed. The network is still not told σ; it has to judge it from the image. This is
# called *blind* denoising.

# %%
train_levels = np.random.default_rng(4).uniform(0.0, 0.5, size=len(x_train))
valid_levels = np.random.default_rng(5).uniform(0.0, 0.5, size=len(x_valid))
x_train_mixed = recipes.noisy(x_train, "train", sigma=train_levels)
x_valid_mixed = recipes.noisy(x_valid, "valid", sigma=valid_levels)

set_seed(0)
blind = small_dncnn("blind_dncnn")
blind_history = fit_or_load(blind, x_train_mixed, x_train, epochs=3, batch_size=128,
                            validation_data=(x_valid_mixed, x_valid))
recipes.check(recipes.blind_dncnn(), blind_history)
curves["blind DnCNN (σ 0 to 0.5)"] = psnr_by_sigma(lambda noisy, level: predict_images(blind, noisy))
print_curves({name: curves[name] for name in ("BM3D", "small DnCNN", "blind DnCNN (σ 0 to 0.5)")})

# %% mystnb={"figure": {"caption": "The same sweep with the blind DnCNN, trained on noise levels from 0 to 0.5 and never told \u03c3.", "name": "fig-sweep-blind"}, "image": {"alt": "The blind DnCNN's curve is the highest at every noise level except 0.05, where BM3D leads, and 0.2, where the specialist leads by half a decibel."}}
plot_psnr_by_sigma(sigmas, curves, trained_at=0.2)

# %% [markdown]
# The blind model gives up half a decibel at σ = 0.2, where the specialist was trained,
# and gains a lot everywhere else. From σ = 0.1 up it beats BM3D without being told σ,
# which BM3D needs, by more than 2 dB from σ = 0.2 on; only under the lightest noise does
# BM3D keep its lead. For a denoiser that meets noise of unknown strength, training on a
# range of noise levels is the most useful single change.
#
# ## What we saw
#
# - A six-layer residual network without a bottleneck, about twice the parameters of the
#   article's autoencoder and three epochs of training, reaches 26.40 dB and 0.967 on
#   10,000 noisy test digits, where the article's network reached 20.35 dB: 2.47 dB and
#   0.068 better than BM3D, the best classical method, on the same images.
# - Trained at one noise level, learned denoisers fail away from it. Trained on a range
#   of levels, the same small network beats BM3D from σ = 0.1 to 0.5 without being
#   told σ.
#
# ## Exercises
#
# **Exercise 6.1.** The small DnCNN has only seen digits. Is it still better than
# non-local means on 1,000 noisy Fashion-MNIST test images, clothes it has never seen?
# (Use `load_fashion_mnist()` and the settings chosen above.)

# %% tags=["hide-cell"]
# Solution to exercise 6.1: no, non-local means wins clearly. The DnCNN learned what noise
# looks like *on digits*: black backgrounds, white strokes of a certain width. Clothes have
# grey areas and fine textures, which it partly mistakes for noise. Non-local means assumes
# nothing about the image, so it loses nothing when the images change.
(_, _), (fashion, _) = load_fashion_mnist()
fashion = scale_to_unit(fashion[:1000])[..., np.newaxis]
fashion_noisy = recipes.noisy(fashion, "test")
nlm = undo_clipping_bias(non_local_means(fashion_noisy, settings["non-local means"], sigma), sigma)
print(f"noisy clothes:   {per_image_psnr(fashion_noisy, fashion).mean():.2f} dB")
print(f"non-local means: {per_image_psnr(nlm, fashion).mean():.2f} dB")
print(f"small DnCNN:     {per_image_psnr(predict_images(dncnn, fashion_noisy), fashion).mean():.2f} dB")

# %% [markdown]
# **Exercise 6.2.** A mean can hide a lot. On BM3D's 1,000 test images, on what share of
# the images does the small DnCNN beat BM3D, and by how much on the image where it does
# worst?

# %% tags=["hide-cell"]
# Solution to exercise 6.2: compare the two methods image by image.
gain = board["small DnCNN"].psnr[subset] - board["BM3D"].psnr
print(f"DnCNN better on {np.mean(gain > 0):.1%} of the images; its worst image: {gain.min():+.2f} dB, "
      f"its best: {gain.max():+.2f} dB")
