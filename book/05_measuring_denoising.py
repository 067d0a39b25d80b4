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
# # Measuring denoising: how good, and compared with what?
#
# [Chapter 4](04_denoising.ipynb) ended with one number: the denoiser halves the squared
# error of a noisy digit. Is that good? A number means little until it stands next to
# others. This chapter scores the article's denoiser against five classical denoisers that
# need no training at all, against the dense autoencoder trained the same way, and against
# a small network designed for the job, all on the same 10,000 noisy test digits. Then it
# turns the noise up and down, which none of the models was trained for.

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
from scipy import ndimage
from skimage import restoration

from lib import recipes
from lib.cache import fit_or_load
from lib.classical import bm3d_tiled, each, tune
from lib.data import load_fashion_mnist, mnist_splits, scale_to_unit
from lib.metrics import per_image_psnr
from lib.noise import clipped_noise_mean, undo_clipping_bias
from lib.plots import plot_psnr_by_sigma, plot_scores, show_image_rows
from lib.scoreboard import Scoreboard, Stopwatch
from lib.training import set_seed

# %% [markdown]
# The data and the noise are exactly those of chapter 4: the same split, σ = 0.2 clipped
# to [0, 1], and the same seeded draws. Every method below sees the very same noisy test
# images.

# %%
splits = mnist_splits()
x_train, x_valid, x_test = (images[..., np.newaxis] for images in (splits.x_train, splits.x_valid, splits.x_test))
sigma = recipes.SIGMA  # 0.2
x_train_noisy, x_valid_noisy, x_test_noisy = recipes.noisy_splits(x_train, x_valid, x_test)
print("training:", x_train.shape, " validation:", x_valid.shape, " test:", x_test_noisy.shape)

# %% [markdown]
# ## Two scores for a restored image
#
# **PSNR**, the peak signal-to-noise ratio, is the mean squared error on a logarithmic
# scale. With pixel values in [0, 1] the peak is 1, and
#
# $$\mathrm{PSNR} = 10 \log_{10} \frac{1}{\mathrm{MSE}} \ \text{dB}.$$
#
# Higher is better: 3 dB more means half the squared error, 10 dB more a tenth of it.
#
# **SSIM**, the structural similarity index {cite:p}`wang2004`, compares small windows
# (7 × 7 pixels here) of the two images: their mean brightness, their contrast and how
# well they correlate. It ranges up to 1 for identical images. It was designed to follow
# what people notice, so it punishes lost strokes and smeared edges that add little to
# the squared error.
#
# Both come from scikit-image (`data_range=1`), are computed for every test image, and
# are reported as the mean ± the standard deviation over the images. First, the score to
# beat: the noisy images themselves.

# %%
board = Scoreboard(x_test)
board.add("noisy input", x_test_noisy)

# %% [markdown]
# ## Five classical denoisers
#
# Long before neural networks, image processing had its own denoisers. None of them
# needs training data; each has one setting that says how hard to smooth. Too little
# leaves the grain, too much wipes out the strokes.
#
# - **Gaussian filter**: a weighted average over a neighbourhood; the setting is the
#   width of the weights in pixels.
# - **Median filter**: each pixel becomes the median of its *k* × *k* neighbourhood,
#   which removes isolated specks and keeps edges.
# - **Total variation** {cite:p}`rudin1992`: the image closest to the noisy one among
#   those with little total variation (the summed size of the gradients): flat areas
#   with sharp edges.
# - **Non-local means** {cite:p}`buades2005`: each pixel becomes an average of pixels,
#   anywhere nearby, whose surrounding 5 × 5 patch looks like its own.
# - **BM3D** {cite:p}`dabov2007`: stacks of similar blocks are transformed together and
#   their small coefficients shrunk; for about a decade it was the best denoiser there was.
#   We use its authors' implementation {cite:p}`makinen2020`.
#
# Total variation, non-local means and BM3D are told the noise level σ. Their settings
# are written as multiples of σ, so that one list of settings serves at every noise level.

# %%
classical = {  # name: (denoise(images, setting, sigma), settings to try)
    "Gaussian filter": (lambda images, width, sigma: each(ndimage.gaussian_filter, images, sigma=width),
                        [0.4, 0.5, 0.6, 0.7, 0.8]),
    "median filter": (lambda images, size, sigma: each(ndimage.median_filter, images, size=size), [3, 5]),
    "total variation": (lambda images, k, sigma: each(restoration.denoise_tv_chambolle, images, weight=k * sigma),
                        [0.25, 0.35, 0.5, 0.7]),
    "non-local means": (lambda images, k, sigma: each(restoration.denoise_nl_means, images, h=k * sigma,
                                                      sigma=sigma, patch_size=5, patch_distance=6),
                        [0.3, 0.4, 0.5, 0.6]),
    "BM3D": (lambda images, k, sigma: bm3d_tiled(images, sigma_psd=k * sigma), [0.5, 0.6, 0.7, 0.8]),
}

# %% [markdown]
# ### A fair start: undoing the clipping bias
#
# These methods expect noise that averages to zero. Clipped noise does not, as chapter 4
# showed: on the black background only the positive draws survive, so even a perfect
# smoother gives back a background of 0.080, not 0. A learned denoiser gets rid of that
# offset by itself, because its targets are clean. To give the classical methods the same
# chance, we use the fact that the mean of a clipped noisy pixel is a known, increasing
# function of its clean value {cite:p}`foi2009`:

# %%
for clean_value in (0.0, 0.1, 0.5, 0.9, 1.0):
    print(f"clean {clean_value:.1f}  ->  noisy pixels average {clipped_noise_mean(clean_value, sigma):.3f}")

# %% [markdown]
# A smoother estimates the right-hand column; `undo_clipping_bias` inverts the function
# and maps each smoothed value back to the clean value it came from. Every classical
# output below goes through it.
#
# ### Tuning on validation images
#
# Each method gets the setting that restores the first 200 validation images best (mean
# PSNR after the bias correction). The test images are never used to choose anything.

# %%
tuning_clean, tuning_noisy = x_valid[:200], x_valid_noisy[:200]
settings = {}
for name, (denoise, candidates) in classical.items():
    settings[name], scores = tune(denoise, candidates, tuning_noisy, tuning_clean, sigma)
    tried = "  ".join(f"{setting}: {psnr:.2f}" for setting, psnr in scores.items())
    print(f"{name:16} {tried}  ->  {settings[name]}")

# %% [markdown]
# How much did the bias correction give each method, at its chosen setting?

# %%
for name, (denoise, _) in classical.items():
    smoothed = denoise(tuning_noisy, settings[name], sigma)
    before = per_image_psnr(smoothed, tuning_clean).mean()
    after = per_image_psnr(undo_clipping_bias(smoothed, sigma), tuning_clean).mean()
    print(f"{name:16} {before:6.2f} dB  ->  {after:6.2f} dB with the bias undone ({after - before:+.2f} dB)")

# %% [markdown]
# Up to three and a half decibels for the better methods: without the correction, the
# comparison would mostly measure the grey background they leave behind.
#
# ### The test images
#
# BM3D is far slower than the rest, so it is scored on a seeded random subset of 1,000
# test images; the others on all 10,000. When BM3D is compared with another method below,
# it is on those same 1,000 images.

# %%
subset = np.random.default_rng(0).permutation(len(x_test))[:1000]
denoised = {}
for name, (denoise, _) in classical.items():
    indices = subset if name == "BM3D" else np.arange(len(x_test))
    with Stopwatch() as clock:
        denoised[name] = undo_clipping_bias(denoise(x_test_noisy[indices], settings[name], sigma), sigma)
    board.add(name, denoised[name], indices=indices, seconds=clock.seconds)

# %% [markdown]
# ## The learned denoisers
#
# First the article's convolutional autoencoder, trained noisy → clean in chapter 4 (its
# recipe, `lib.recipes.denoiser()`: it comes from the model cache, or is trained again to
# the same weights), and the dense autoencoder of chapter 2 trained the same way
# (`lib.recipes.dense_denoiser()`): noisy inputs, clean targets, 50 epochs, binary
# cross-entropy.

# %%
denoiser, denoiser_history = recipes.train(recipes.denoiser())
(dense, _, _), dense_history = recipes.train(recipes.dense_denoiser())


# %% [markdown]
# Two small functions serve every model: one runs it on a batch of noisy images,
# reshaped to what it reads (the dense one reads rows of 784 pixels); the other times
# that on the test images and adds the model to the board.

# %%
def denoise_with(model, noisy):
    output = model.predict(noisy.reshape(-1, *model.input_shape[1:]), batch_size=500, verbose=0)
    return output.reshape(noisy.shape)


def score_model(name, model, history):
    with Stopwatch() as clock:
        denoised[name] = denoise_with(model, x_test_noisy)
    board.add(name, denoised[name], seconds=clock.seconds, parameters=model.count_params(),
              seconds_per_epoch=history.seconds_per_epoch)


score_model("article's conv autoencoder", denoiser, denoiser_history)
score_model("dense autoencoder", dense, dense_history)

# %% [markdown]
# ## Why the article's autoencoder loses
#
# Plainly: on PSNR the article's denoiser loses to total variation, non-local means and
# BM3D, methods from 1992, 2005 and 2007 that never saw a digit. On SSIM it fares better,
# between non-local means and BM3D: its outputs are smooth and free of speckle, which SSIM
# rewards. Three things could be to blame for the squared error.
#
# **Capacity.** Every image must pass through a code of 4 × 4 × 8 = 128 numbers, and
# whatever the decoder cannot rebuild from it is lost. How much that costs shows when the
# network of chapter 3, trained on *clean* digits, is given clean digits: there is no
# noise at all to remove.

# %%
autoencoder, _ = recipes.train(recipes.convolutional_autoencoder())
ceiling = per_image_psnr(autoencoder.predict(x_test, verbose=0), x_test).mean()
print(f"chapter 3's autoencoder on clean test digits: {ceiling:.2f} dB")
print(f"non-local means on noisy test digits:         {board.mean('non-local means', 'psnr'):.2f} dB")

# %% [markdown]
# Even with perfect inputs the bottleneck caps this network below what non-local means
# makes of noisy ones, and the denoiser, at 20.35 dB, is already within a decibel of that
# cap. The same cap explains the second culprit, **blur**: what the code cannot hold,
# the decoder replaces by a smooth average of the digits it has seen, so stroke edges
# come out soft. Look at a few test digits:

# %% mystnb={"figure": {"caption": "Eight test digits: clean, noisy, and the outputs of non-local means, BM3D, and the article's autoencoder.", "name": "fig-blur"}, "image": {"alt": "Rows of eight digits; the classical outputs keep sharp but slightly ragged strokes, the autoencoder's are smooth and blurred."}}
examples = slice(0, 8)  # the first eight images of BM3D's subset
show_image_rows({"clean": x_test[subset[examples]], "noisy": x_test_noisy[subset[examples]],
                 "non-local means": denoised["non-local means"][subset[examples]],
                 "BM3D": denoised["BM3D"][examples],
                 "article's autoencoder": denoised["article's conv autoencoder"][subset[examples]]}, n=8)

# %% [markdown]
# The classical outputs keep the strokes' edges, a little ragged; the autoencoder's are
# smooth and soft, and the fifth digit, an 8, has lost its upper loop and reads as a 3.
#
# **The loss** should matter least. Binary cross-entropy and squared error weigh
# mistakes differently during training, but for targets between 0 and 1 both are smallest
# for the same output: the average clean image over everything the noisy input could
# have come from. Still, PSNR *is* the squared error, so a network trained on it might
# squeeze out a little more. That is easy to test: train chapter 4's denoiser for five
# more epochs, starting from its weights, once on the squared error and once, to see
# what the extra epochs alone are worth, on cross-entropy as before.

# %%
bce_psnr = board.mean("article's conv autoencoder", "psnr")
print(f"chapter 4's denoiser, 50 epochs of cross-entropy: {bce_psnr:.2f} dB")
for loss in ("binary_crossentropy", "mean_squared_error"):
    set_seed(0)
    resumed = keras.models.clone_model(denoiser)
    resumed.set_weights(denoiser.get_weights())
    resumed.compile(optimizer="adam", loss=loss)
    fit_or_load(resumed, x_train_noisy, x_train, epochs=5, batch_size=128,
                validation_data=(x_valid_noisy, x_valid))
    psnr = per_image_psnr(denoise_with(resumed, x_test_noisy), x_test).mean()
    print(f"then 5 more epochs of {loss}: {psnr:.2f} dB ({psnr - bce_psnr:+.2f} dB)")

# %% [markdown]
# Five more epochs of either loss add less than a tenth of a decibel, and the two losses
# differ by only a hundredth or so. Next to the more than 3 dB
# that separate this network from non-local means, the loss is not the problem; the
# bottleneck is.
#
# ## A network built for the job
#
# The next step removes the bottleneck. Every layer keeps the full 28 × 28 resolution,
# and the network does not rebuild the image at all: it estimates the *noise* and
# subtracts it from its input. Finding what does not belong is easier than redrawing what
# does, and a clean region passes straight through. This is the idea of DnCNN
# {cite:p}`zhang2017`; ours is a small version: five 3 × 3 convolutions of 16 filters, a
# sixth with a single filter that estimates the noise, and no batch normalisation. A
# final ReLU capped at 1 clips the result to [0, 1]. It is trained on the squared error
# for only 3 epochs; its layers all work at full resolution, so each epoch takes somewhat
# longer than the article's network's (the table of costs below shows by how much).

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
score_model("small DnCNN", dncnn, dncnn_history)

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
for name in classical:
    indices = board[name].indices
    psnr_gain = board.mean("small DnCNN", "psnr", indices) - board.mean(name, "psnr")
    ssim_gain = board.mean("small DnCNN", "ssim", indices) - board.mean(name, "ssim")
    print(f"small DnCNN vs {name:16} PSNR {psnr_gain:+.2f} dB   SSIM {ssim_gain:+.3f}")
    assert psnr_gain >= 1.0 and ssim_gain > 0, f"the small DnCNN does not clearly beat {name}"

# %% [markdown]
# ## Turning the noise up and down
#
# Every model so far was trained at σ = 0.2. What happens at other noise levels? Below,
# 500 test images (the first 500 of BM3D's subset) get noise from σ = 0.05 to 0.5, drawn
# with the same seed as before, so at σ = 0.2 they are the very images scored above.
# Total variation, non-local means and BM3D are told the true σ: their settings are the
# multiples of σ chosen above, and the bias correction uses the true σ too. The learned
# models are told nothing.

# %%
sigmas = [0.05, 0.1, 0.2, 0.3, 0.4, 0.5]
sweep = subset[:500]
noisy_by_sigma = {level: recipes.noisy(x_test, "test", sigma=level)[sweep] for level in sigmas}
models = {"article's conv autoencoder": denoiser, "dense autoencoder": dense, "small DnCNN": dncnn}


def psnr_by_sigma(restore):
    """Mean PSNR over the sweep images at every noise level; ``restore(noisy, level)``."""
    return [per_image_psnr(restore(noisy_by_sigma[level], level), x_test[sweep]).mean() for level in sigmas]


curves = {"noisy input": psnr_by_sigma(lambda noisy, level: noisy)}
for name in ("total variation", "non-local means", "BM3D"):
    denoise = classical[name][0]
    curves[name] = psnr_by_sigma(lambda noisy, level: undo_clipping_bias(denoise(noisy, settings[name], level), level))
for name, model in models.items():
    curves[name] = psnr_by_sigma(lambda noisy, level: denoise_with(model, noisy))


def print_curves(curves):
    print(f"{'mean PSNR (dB) at σ =':28}" + "".join(f"{level:>7}" for level in sigmas))
    for name, values in curves.items():
        print(f"{name:28}" + "".join(f"{value:7.2f}" for value in values))


print_curves(curves)

# %% mystnb={"figure": {"caption": "Mean PSNR on 500 test digits against the noise level. The classical methods are told \u03c3; the learned models were trained at \u03c3 = 0.2 only.", "name": "fig-sweep"}, "image": {"alt": "PSNR curves falling with the noise level; the two autoencoders stay flat near 20 dB, below the noisy input under light noise; the DnCNN leads from 0.1 to 0.3 and BM3D at both ends."}}
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
curves["blind DnCNN (σ 0 to 0.5)"] = psnr_by_sigma(lambda noisy, level: denoise_with(blind, noisy))
print_curves({name: curves[name] for name in ("BM3D", "small DnCNN", "blind DnCNN (σ 0 to 0.5)")})

# %% mystnb={"figure": {"caption": "The same sweep with the blind DnCNN, trained on noise levels from 0 to 0.5 and never told \u03c3.", "name": "fig-sweep-blind"}, "image": {"alt": "The blind DnCNN's curve is the highest at every noise level except 0.05, where BM3D leads, and 0.2, where the specialist leads by half a decibel."}}
plot_psnr_by_sigma(sigmas, curves, trained_at=0.2)

# %% [markdown]
# The blind model gives up half a decibel at σ = 0.2, where the specialist was trained,
# and gains a lot everywhere else. From σ = 0.1 up it beats BM3D without being told σ,
# which BM3D needs (its margin narrows again at the heaviest noise); only under the
# lightest noise does BM3D keep its lead. For a denoiser that meets noise of unknown strength, training on a range
# of noise is the most useful single change.
#
# ## What we saw
#
# - On 10,000 noisy test digits (σ = 0.2), the noisy input scores 16.75 dB and SSIM
#   0.613. The article's 4,385-parameter autoencoder reaches 20.35 dB and 0.886.
# - Tuned on validation images, and with the clipping bias undone (worth up to 3.5 dB),
#   non-local means reaches 23.46 dB and BM3D 23.94 dB: on PSNR the article's autoencoder
#   loses to them plainly. Its bottleneck is why: even clean digits come back at only
#   20.92 dB. Its loss function is not the problem: five more epochs on the squared
#   error, PSNR's own loss, add 0.02 dB.
# - A six-layer residual network without a bottleneck, about twice the parameters and
#   three epochs of training, reaches 26.40 dB and 0.967: 2.47 dB and 0.068 better than
#   BM3D, the best classical method, on the same images.
# - Trained at one noise level, learned denoisers fail away from it. Trained on a range
#   of levels, the same small network beats BM3D from σ = 0.1 to 0.5 without being
#   told σ.
#
# ## Exercises
#
# **Exercise 5.1.** The bias correction maps a smoothed value back to a clean one. What
# happens if you apply it to the noisy test images directly, with no smoothing at all?

# %% tags=["hide-cell"]
# Solution to exercise 5.1: it helps a little, far less than after smoothing. The correction
# is made for the *average* of many noisy pixels, and a single noisy pixel is far from its
# average: background pixels that drew less than +0.08 turn black, but one that drew +0.3
# stays bright, and a stroke pixel that drew a dark value gets darker still.
print(f"noisy input:                {board.mean('noisy input', 'psnr'):.2f} dB")
print(f"noisy input, bias 'undone': {per_image_psnr(undo_clipping_bias(x_test_noisy, sigma), x_test).mean():.2f} dB")

# %% [markdown]
# **Exercise 5.2.** The small DnCNN has only seen digits. Is it still better than
# non-local means on 1,000 noisy Fashion-MNIST test images, clothes it has never seen?
# (Use `load_fashion_mnist()` and the settings chosen above.)

# %% tags=["hide-cell"]
# Solution to exercise 5.2: no, non-local means wins clearly. The DnCNN learned what noise
# looks like *on digits*: black backgrounds, white strokes of a certain width. Clothes have
# grey areas and fine textures, which it partly mistakes for noise. Non-local means assumes
# nothing about the image, so it loses nothing when the images change.
(_, _), (fashion, _) = load_fashion_mnist()
fashion = scale_to_unit(fashion[:1000])[..., np.newaxis]
fashion_noisy = recipes.noisy(fashion, "test")
nlm = undo_clipping_bias(classical["non-local means"][0](fashion_noisy, settings["non-local means"], sigma), sigma)
print(f"noisy clothes:   {per_image_psnr(fashion_noisy, fashion).mean():.2f} dB")
print(f"non-local means: {per_image_psnr(nlm, fashion).mean():.2f} dB")
print(f"small DnCNN:     {per_image_psnr(denoise_with(dncnn, fashion_noisy), fashion).mean():.2f} dB")

# %% [markdown]
# **Exercise 5.3.** A mean can hide a lot. On BM3D's 1,000 test images, on what share of
# the images does the small DnCNN beat BM3D, and by how much on the image where it does
# worst?

# %% tags=["hide-cell"]
# Solution to exercise 5.3: compare the two methods image by image.
gain = board["small DnCNN"].psnr[subset] - board["BM3D"].psnr
print(f"DnCNN better on {np.mean(gain > 0):.1%} of the images; its worst image: {gain.min():+.2f} dB, "
      f"its best: {gain.max():+.2f} dB")
